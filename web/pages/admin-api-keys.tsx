import { AdminShell, UnitInput } from "./admin-frame.tsx";
import type { ApiKeyRowView, ApiKeysView } from "./admin-model.ts";
import type { ScriptFiles } from "./dashboard-model.ts";

function Revoke(props: { k: ApiKeyRowView }) {
  const { k } = props;
  if (k.revokedAt) return <span class="small muted">已于 {k.revokedAt} 吊销</span>;
  return (
    <details class="manage">
      <summary>吊销</summary>
      <form class="row-form" data-admin-action="revoke-key" data-key-id={k.id}>
        <span>吊销后使用该密钥的平台立即无法推送数据，不能恢复。</span>
        <button type="submit" class="btn danger">
          确认吊销“{k.name}”
        </button>
        <p class="small status-msg" role="status" aria-live="polite" />
      </form>
    </details>
  );
}

/** /admin/api-keys: platform keys in the administrator's scope; create (secret once), revoke. */
export function ApiKeysPage(props: { view: ApiKeysView; scripts: ScriptFiles }) {
  const v = props.view;
  return (
    <AdminShell title="接口密钥" frame={v} scripts={props.scripts}>
      <p class="status-msg flash" role="status" aria-live="polite" data-testid="admin-message" />
      <section class="card">
        <h2>新建接口密钥</h2>
        <p class="small muted">
          接口密钥供“12345”热线、一网统管等平台推送案件和季度填报，只能写入所选单位及其下级单位，不能读取任何数据。
        </p>
        <form class="admin-form" data-admin-action="create-key" data-testid="key-create">
          <label>
            名称（对接平台）
            <input
              name="name"
              required
              maxlength={100}
              autocomplete="off"
              placeholder="例如 12345 热线"
            />
          </label>
          <label for="key-unit">
            数据范围（单位）
            <UnitInput
              id="key-unit"
              name="orgUnit"
              required={!v.cityWide}
              placeholder={v.cityWide ? "单位编码；留空为全部单位" : "单位编码"}
            />
          </label>
          <button type="submit" class="btn primary">
            生成密钥
          </button>
          <p class="small status-msg hint" role="status" aria-live="polite" />
        </form>
        <div class="secret" data-testid="new-key" hidden>
          <strong>
            密钥“
            <span data-key-name />
            ”已生成。它只显示这一次，请立即复制并交给对接平台妥善保存：
          </strong>
          <code data-key-secret />
          <button type="button" class="btn" data-copy-key>
            复制密钥
          </button>{" "}
          <a href="/admin/api-keys" data-testid="key-done">
            已保存，刷新列表
          </a>
          <p class="small">离开或刷新本页后无法再次查看；如遗失，请吊销后重新生成。</p>
        </div>
      </section>
      <section class="card">
        <h2>密钥列表（{v.keys.length} 个）</h2>
        <table class="admin-table" data-testid="keys">
          <thead>
            <tr>
              <th scope="col">名称</th>
              <th scope="col">密钥前缀</th>
              <th scope="col">数据范围</th>
              <th scope="col">创建时间</th>
              <th scope="col">最近使用</th>
              <th scope="col">状态</th>
              <th scope="col">操作</th>
            </tr>
          </thead>
          <tbody>
            {v.keys.map((k) => (
              <tr class={k.revokedAt ? "off" : undefined} data-key-id={k.id} data-key-name={k.name}>
                <td>
                  <strong>{k.name}</strong>
                </td>
                <td data-label="密钥前缀">
                  <code>{k.prefix}…</code>
                </td>
                <td data-label="数据范围">
                  {k.unitName}
                  {k.unitCode ? <span class="small muted"> {k.unitCode}</span> : null}
                </td>
                <td data-label="创建时间" class="nowrap">
                  {k.createdAt}
                </td>
                <td data-label="最近使用" class="nowrap">
                  {k.lastUsedAt}
                </td>
                <td data-label="状态">
                  <span class={k.revokedAt ? "pill off" : "pill on"} data-testid="key-status">
                    {k.revokedAt ? "已吊销" : "有效"}
                  </span>
                </td>
                <td>
                  <Revoke k={k} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </AdminShell>
  );
}
