import type { Child } from "hono/jsx";
import type { SetupSection } from "../pages/admin-setup-model.ts";
import { AdminTitle } from "./admin-title.tsx";

/** The setup pages under 系统管理 (/admin): their paths and tab names. */
export const SETUP_TABS: readonly { section: SetupSection; href: string; label: string }[] = [
  { section: "org-units", href: "/admin/org-units", label: "组织架构" },
  { section: "schemes", href: "/admin/schemes", label: "考核方案" },
  { section: "surveys", href: "/admin/surveys", label: "问卷" },
  { section: "reports", href: "/admin/reports", label: "报告计划与任务" },
];

/** A setup page's head: the admin title (crumbs, title, scope) and the tabs to its siblings. */
export function SetupHead(props: {
  section: SetupSection;
  title: string;
  scopeName: string | null;
  children?: Child;
}) {
  return (
    <div class="setup-head">
      <AdminTitle title={props.title} scopeText={props.scopeName ?? "全部单位"} />
      {props.children}
      <ul class="tabs" aria-label="系统管理页面">
        {SETUP_TABS.map((t) => (
          <li>
            <a
              href={t.href}
              aria-current={t.section === props.section ? "page" : undefined}
              data-testid={`tab-${t.section}`}
            >
              {t.label}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Styles of the setup pages (on top of the dashboard's). Phone first: forms stack. */
export const SETUP_CSS = `
.setup-head h1 { margin: 4px 0; }
.tabs { display: flex; flex-wrap: wrap; gap: 6px; list-style: none; padding: 0; margin: 8px 0 12px; }
.tabs a { display: inline-block; padding: 6px 12px; border: 1px solid #9aa5b1; border-radius: 16px; font-size: 14px; text-decoration: none; color: inherit; }
.tabs a[aria-current=page] { background: #0b69a3; border-color: #0b69a3; color: #fff; }
.setup-form { display: grid; gap: 10px; }
.setup-form label { display: grid; gap: 2px; font-size: 13px; color: var(--muted); }
.setup-form input[type=number], .setup-form input[type=text] { font: inherit; font-size: 16px; padding: 6px 8px; border: 1px solid #7b8794; border-radius: 4px; width: 100%; box-sizing: border-box; min-width: 0; }
.fields3 { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 8px; }
.ind-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); gap: 8px; }
.ind-grid fieldset, .setup-form fieldset { border: 1px solid var(--line); border-radius: 6px; margin: 0; padding: 6px 10px 10px; min-width: 0; }
.ind-grid legend, .setup-form legend { font-weight: 600; font-size: 14px; padding: 0 4px; }
.setup-form .buttons { display: flex; flex-wrap: wrap; gap: 8px; }
.setup-form button { font: inherit; font-size: 16px; padding: 8px 16px; min-height: 44px; border-radius: 4px; border: 1px solid #0b69a3; background: #0b69a3; color: #fff; cursor: pointer; }
.setup-form button.secondary { background: #fff; color: #0b69a3; }
.setup-form button:disabled { opacity: .45; cursor: not-allowed; }
.changes { margin: 6px 0 0; padding-left: 18px; font-size: 13px; }
.changes .after { font-weight: 600; }
table.setup-table { border-collapse: collapse; width: 100%; font-size: 13px; }
table.setup-table th, table.setup-table td { text-align: left; padding: 6px 8px; border-top: 1px solid var(--line); vertical-align: top; }
table.setup-table td.num, table.setup-table th.num { text-align: right; }
.msg.ok { color: #014d40; } .msg.err { color: #ab091e; }
.questions { padding-left: 20px; }
.questions li { margin: 6px 0; }
.opts { display: flex; flex-wrap: wrap; gap: 4px; list-style: none; padding: 0; margin: 4px 0 0; }
.opts li { border: 1px solid var(--line); border-radius: 4px; padding: 1px 6px; font-size: 12px; margin: 0; }
.pill.queued { background: #e3f8ff; color: #0b69a3; } .pill.running { background: #fff3c4; color: #8d2b0b; }
.pill.done { background: #c6f7e2; color: #014d40; } .pill.failed { background: #ffe3e3; color: #610316; }
@media (max-width: 760px) {
  table.setup-table.stack thead { display: none; }
  table.setup-table.stack tr, table.setup-table.stack td { display: block; width: 100%; box-sizing: border-box; text-align: left; }
  table.setup-table.stack td { border-top: 0; padding: 2px 4px; }
  table.setup-table.stack tr { border-top: 1px solid var(--line); padding: 6px 0; }
  table.setup-table.stack td[data-label]::before { content: attr(data-label) "："; color: var(--muted); }
}
`;
