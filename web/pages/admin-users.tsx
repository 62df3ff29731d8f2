import { AdminShell, UnitInput } from "./admin-frame.tsx";
import type { RoleOption, UserRowView, UsersView } from "./admin-model.ts";
import type { ScriptFiles } from "./dashboard-model.ts";

function RoleSelect(props: { id: string; roles: RoleOption[]; value: string; label?: string }) {
  return (
    <select id={props.id} name="role" required aria-label={props.label}>
      {props.roles.map((r) => (
        <option value={r.value} selected={r.value === props.value}>
          {r.label}
        </option>
      ))}
    </select>
  );
}

function CreateForm(props: { v: UsersView }) {
  const v = props.v;
  return (
    <section class="card">
      <h2>新建用户</h2>
      <form class="admin-form" data-admin-action="create-user" data-testid="user-create">
        <label>
          用户名
          <input
            name="username"
            required
            pattern="[A-Za-z0-9_.\-]{3,64}"
            title="3–64 个字母、数字或 . - _"
            autocomplete="off"
            placeholder="例如 zhang.wei"
          />
        </label>
        <label>
          姓名
          <input name="displayName" maxlength={100} autocomplete="off" placeholder="选填" />
        </label>
        <label>
          初始密码
          <input
            name="password"
            type="password"
            required
            minlength={8}
            maxlength={200}
            autocomplete="new-password"
            placeholder="至少 8 位"
          />
        </label>
        <label for="new-role">
          角色
          <RoleSelect id="new-role" roles={v.roles} value="clerk" />
        </label>
        <label for="new-unit">
          所属单位（数据范围）
          <UnitInput
            id="new-unit"
            name="orgUnit"
            required={!v.cityWide}
            placeholder={v.cityWide ? "单位编码；系统管理员可留空（全部单位）" : "单位编码"}
          />
        </label>
        <button type="submit" class="btn primary">
          创建用户
        </button>
        <p class="small status-msg hint" role="status" aria-live="polite" />
      </form>
    </section>
  );
}

function Manage(props: { u: UserRowView; v: UsersView }) {
  const { u, v } = props;
  return (
    <details class="manage" data-testid="user-manage">
      <summary>管理</summary>
      {u.self ? (
        <p class="small muted">这是您自己的账号：停用或调整角色、范围请由另一位管理员操作。</p>
      ) : (
        <>
          <form class="row-form" data-admin-action="move-user" data-user-id={u.id}>
            <span>角色和数据范围</span>
            <div class="pair">
              <RoleSelect id={`role-${u.id}`} roles={v.roles} value={u.role} label="角色" />
              <UnitInput
                id={`unit-${u.id}`}
                name="orgUnit"
                label="所属单位"
                value={u.unitCode}
                placeholder={v.cityWide ? "单位编码（空：全部单位）" : "单位编码"}
              />
            </div>
            <button type="submit" class="btn">
              保存角色和范围
            </button>
            <p class="small status-msg" role="status" aria-live="polite" />
          </form>
          <form
            class="row-form"
            data-admin-action="toggle-user"
            data-user-id={u.id}
            data-disabled={u.disabled ? "false" : "true"}
          >
            <span>{u.disabled ? "启用后可重新登录" : "停用后立即退出所有设备，不能再登录"}</span>
            <button type="submit" class={u.disabled ? "btn" : "btn danger"}>
              {u.disabled ? "启用账号" : "停用账号"}
            </button>
            <p class="small status-msg" role="status" aria-live="polite" />
          </form>
        </>
      )}
      <form class="row-form" data-admin-action="reset-password" data-user-id={u.id}>
        <label class="small" for={`pw-${u.id}`}>
          重置密码（该用户在所有设备上退出登录）
        </label>
        <input
          id={`pw-${u.id}`}
          name="password"
          type="password"
          required
          minlength={8}
          maxlength={200}
          autocomplete="new-password"
          placeholder="新密码，至少 8 位"
        />
        <button type="submit" class="btn">
          重置密码
        </button>
        <p class="small status-msg" role="status" aria-live="polite" />
      </form>
    </details>
  );
}

/** /admin/users: the users in the administrator's scope; create, disable, reset, move. */
export function UsersPage(props: { view: UsersView; scripts: ScriptFiles }) {
  const v = props.view;
  return (
    <AdminShell title="用户" frame={v} scripts={props.scripts}>
      <p class="status-msg flash" role="status" aria-live="polite" data-testid="admin-message" />
      <CreateForm v={v} />
      <section class="card">
        <h2>用户列表（{v.users.length} 人）</h2>
        <table class="admin-table" data-testid="users">
          <thead>
            <tr>
              <th scope="col">用户名</th>
              <th scope="col">角色</th>
              <th scope="col">所属单位</th>
              <th scope="col">状态</th>
              <th scope="col">创建时间</th>
              <th scope="col">操作</th>
            </tr>
          </thead>
          <tbody>
            {v.users.map((u) => (
              <tr class={u.disabled ? "off" : undefined} data-username={u.username}>
                <td>
                  <strong>{u.username}</strong>
                  {u.displayName ? <span class="small"> {u.displayName}</span> : null}
                  {u.self ? <span class="small muted">（当前账号）</span> : null}
                </td>
                <td data-label="角色" data-role={u.role}>
                  {u.roleLabel}
                </td>
                <td data-label="所属单位" data-unit={u.unitCode ?? ""}>
                  {u.unitName}
                  {u.unitCode ? <span class="small muted"> {u.unitCode}</span> : null}
                </td>
                <td data-label="状态">
                  <span class={u.disabled ? "pill off" : "pill on"} data-testid="user-status">
                    {u.disabled ? "已停用" : "正常"}
                  </span>
                </td>
                <td data-label="创建时间" class="nowrap">
                  {u.createdAt}
                </td>
                <td>
                  <Manage u={u} v={v} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </AdminShell>
  );
}
