import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import type { ScriptFiles } from "../pages/dashboard-model.ts";
import type { WorkbenchBase } from "../pages/workbench-model.ts";
import { APPEALS_CSS } from "./appeals-css.ts";
import { DashboardShell, PageHead } from "./dashboard-shell.tsx";
import { WORKBENCH_CSS } from "./workbench-css.ts";

/**
 * The workbench's frame (评估工作台): the dashboard shell, the page head with the quarter switcher
 * and the tabs 数据导出 · 情景模拟 · 排名敏感性. Loads the dashboard bundle and the workbench's
 * (export jobs, charts); `data` is embedded as JSON for the charts.
 */
export function WorkbenchFrame(props: {
  view: WorkbenchBase;
  scripts: ScriptFiles;
  title: string;
  path: string;
  data?: unknown;
  children: Child;
}) {
  const v = props.view;
  return (
    <DashboardShell
      title={`${props.title} · ${v.unit.name}`}
      nav={v.nav}
      scripts={[props.scripts.dashboard, props.scripts.workbench]}
    >
      <style>{raw(APPEALS_CSS + WORKBENCH_CSS)}</style>
      <PageHead
        ctx={v}
        title={`${props.title} · ${v.unit.name} · ${v.periodLabel}`}
        path={props.path}
      />
      <nav aria-label="评估工作台">
        <ul class="tabs" data-testid="workbench-tabs">
          {v.tabs.map((t) => (
            <li>
              <a href={t.href} aria-current={t.current ? "page" : undefined}>
                {t.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {props.data !== undefined ? (
        <script type="application/json" id="workbench-data">
          {raw(
            JSON.stringify(props.data)
              .replace(/</g, "\\u003c")
              .replace(/\u2028|\u2029/g, ""),
          )}
        </script>
      ) : null}
      {props.children}
    </DashboardShell>
  );
}
