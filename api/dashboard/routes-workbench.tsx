/**
 * The assessor's workbench (评估工作台, issue 21), server-rendered in Chinese with the dashboard's
 * access rules (api/dashboard/context.ts): 数据导出 (the workbook, raw exports as background jobs
 * with their progress and download list), 情景模拟 (what-if as a form and a chart) and 排名敏感性
 * (the children's rank intervals as a chart). The exports and the jobs are the API's
 * (/api/v1/exports/…, /api/v1/jobs/{id}); the pages only show and start them.
 */
import { Hono } from "hono";
import { WorkbenchExportsPage } from "../../web/pages/workbench-exports.tsx";
import type { WorkbenchTab } from "../../web/pages/workbench-model.ts";
import { WorkbenchSensitivityPage } from "../../web/pages/workbench-sensitivity.tsx";
import { WorkbenchWhatIfPage } from "../../web/pages/workbench-what-if.tsx";
import { can } from "../access/permissions.ts";
import type { AppEnv } from "../env.ts";
import { buildWorkbench } from "../exports/pages.ts";
import { buildSensitivityPage } from "../indicators/sensitivity-page.ts";
import { buildWhatIfPage } from "../indicators/what-if-page.ts";
import type { Resolved } from "./context.ts";
import { type PageKind, pagePath } from "./nav.ts";
import { page } from "./routes.tsx";

/** The workbench's tabs the principal's role may open, `kind` current. */
export function workbenchTabs(p: Resolved, kind: PageKind): WorkbenchTab[] {
  const period = p.ctx.period;
  const tabs: [PageKind, string][] = [];
  if (can(p.principal.role, "exports.read")) tabs.push(["workbench", "数据导出"]);
  if (can(p.principal.role, "whatIf.run")) tabs.push(["what-if", "情景模拟"]);
  tabs.push(["sensitivity", "排名敏感性"]);
  return tabs.map(([k, label]) => ({
    href: pagePath(k, p.unit.code, period),
    label,
    current: k === kind,
  }));
}

export function workbenchPageRoutes() {
  const app = new Hono<AppEnv>();

  app.get("/dashboard/:code/workbench", (c) =>
    page(c, "workbench", async (p, scripts) => {
      const now = c.get("deps").now?.() ?? new Date();
      const tabs = workbenchTabs(p, "workbench");
      const view = await buildWorkbench(c.get("deps").store.db, p, tabs, now);
      return c.html(<WorkbenchExportsPage view={view} scripts={scripts} />);
    }),
  );

  app.get("/dashboard/:code/workbench/what-if", (c) =>
    page(c, "what-if", async (p, scripts) => {
      const view = await buildWhatIfPage(p, workbenchTabs(p, "what-if"), (n) => c.req.query(n));
      return c.html(<WorkbenchWhatIfPage view={view} scripts={scripts} />);
    }),
  );

  app.get("/dashboard/:code/workbench/sensitivity", (c) =>
    page(c, "sensitivity", async (p, scripts) => {
      const view = await buildSensitivityPage(p, workbenchTabs(p, "sensitivity"));
      return c.html(<WorkbenchSensitivityPage view={view} scripts={scripts} />);
    }),
  );

  return app;
}
