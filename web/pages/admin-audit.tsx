import { FilterSelect } from "../components/filter-select.tsx";
import { AdminShell, UnitInput } from "./admin-frame.tsx";
import type { AuditView } from "./admin-model.ts";
import type { ScriptFiles } from "./dashboard-model.ts";

function Filters(props: { v: AuditView }) {
  const { v } = props;
  const f = v.filter;
  return (
    <form class="admin-form" method="get" action="/admin/audit" data-testid="audit-filter">
      <label>
        操作人
        <input name="actor" value={f.actor} maxlength={100} placeholder="用户名或 key:名称" />
      </label>
      <FilterSelect
        label="操作"
        name="action"
        testId="action"
        all="全部操作"
        options={v.actions}
        selected={f.action}
      />
      <label for="audit-unit">
        单位
        <UnitInput id="audit-unit" name="unit" value={f.unit} placeholder="单位编码（含下级）" />
      </label>
      <label>
        开始日期
        <input type="date" name="from" value={f.from} />
      </label>
      <label>
        结束日期
        <input type="date" name="to" value={f.to} />
      </label>
      <button type="submit" class="btn primary">
        查询
      </button>
      <p class="small muted hint">
        单位：该单位及下级单位的用户、密钥所做的操作，以及涉及这些单位的用户、密钥和导出。日期按北京时间。
      </p>
    </form>
  );
}

/** /admin/audit: the audit log in the administrator's scope, filtered, paged, exportable. */
export function AuditPage(props: { view: AuditView; scripts: ScriptFiles }) {
  const v = props.view;
  return (
    <AdminShell title="审计日志" frame={v} scripts={props.scripts}>
      <section class="card">
        <h2>筛选</h2>
        <Filters v={v} />
      </section>
      <section class="card">
        {v.error ? (
          <p class="error" role="alert" data-testid="audit-error">
            {v.error}
          </p>
        ) : null}
        <div class="audit-summary">
          <strong data-testid="audit-total" data-total={v.total}>
            共 {v.total} 条
          </strong>
          <span class="small muted">
            第 {v.page} / {v.pages} 页，最新的在前
          </span>
          <a href={v.exportHref} class="btn" data-testid="audit-export" download>
            导出 CSV
          </a>
        </div>
        <table class="admin-table" data-testid="audit">
          <thead>
            <tr>
              <th scope="col">时间</th>
              <th scope="col">操作人</th>
              <th scope="col">操作</th>
              <th scope="col">对象</th>
              <th scope="col">结果</th>
              <th scope="col">来源</th>
            </tr>
          </thead>
          <tbody>
            {v.entries.map((e) => (
              <tr data-entry={e.id} data-action={e.action} data-actor={e.actor}>
                <td class="nowrap">{e.at}</td>
                <td data-label="操作人">
                  {e.actor} <span class="small muted">{e.actorKind}</span>
                </td>
                <td data-label="操作">
                  {e.actionLabel} · {e.methodLabel}
                </td>
                <td data-label="对象" data-testid="audit-target">
                  {e.target || "—"}
                  {e.detail ? <div class="audit-detail">{e.detail}</div> : null}
                </td>
                <td data-label="结果">
                  <span class={e.ok ? "pill on" : "pill bad"}>
                    {e.ok ? "成功" : "被拒绝"} {e.status}
                  </span>
                </td>
                <td data-label="来源" class="small">
                  {e.ip || "—"}
                  <div class="audit-detail">{e.path}</div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {v.entries.length === 0 && !v.error ? <p class="muted">没有符合条件的记录。</p> : null}
        <nav class="pager" aria-label="翻页">
          {v.prevHref ? <a href={v.prevHref}>‹ 上一页</a> : null}
          {v.nextHref ? (
            <a href={v.nextHref} data-testid="audit-next">
              下一页 ›
            </a>
          ) : null}
        </nav>
      </section>
    </AdminShell>
  );
}
