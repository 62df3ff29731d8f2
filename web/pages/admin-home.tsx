import { raw } from "hono/html";
import { ADMIN_CSS } from "../components/admin-css.ts";
import { DashboardShell } from "../components/dashboard-shell.tsx";
import type { AdminHomeView } from "./admin-model.ts";
import type { ScriptFiles } from "./dashboard-model.ts";

/** /admin, 系统管理: the administrator's pages the role and scope allow. */
export function AdminHomePage(props: { view: AdminHomeView; scripts: ScriptFiles }) {
  const v = props.view;
  return (
    <DashboardShell title="系统管理" nav={v.nav} scripts={[props.scripts.dashboard]}>
      <style>{raw(ADMIN_CSS)}</style>
      <h1 data-testid="page-title">系统管理</h1>
      <p class="admin-scope" data-testid="admin-scope">
        管理范围：{v.scopeText}
      </p>
      <ul class="admin-home" data-testid="admin-links">
        {v.links.map((l) => (
          <li>
            <a href={l.href} data-testid={`admin-link-${l.key}`}>
              <strong>{l.label}</strong>
              <span class="small muted">{l.note}</span>
            </a>
          </li>
        ))}
      </ul>
    </DashboardShell>
  );
}
