import type { Context } from "hono";
import { Hono } from "hono";
import { OrgUnitsPage } from "../../web/pages/admin-org-units.tsx";
import { ReportsSetupPage } from "../../web/pages/admin-reports.tsx";
import { SchemesPage } from "../../web/pages/admin-schemes.tsx";
import type { SetupBase } from "../../web/pages/admin-setup-model.ts";
import { SurveysSetupPage } from "../../web/pages/admin-surveys.tsx";
import type { Principal } from "../access/principal.ts";
import { webScripts } from "../assets/dashboard.ts";
import type { AppEnv } from "../env.ts";
import { buildOrgUnitsPage, ORG_UNITS_PAGE } from "../org-tree/pages.ts";
import { buildReportsPage, REPORTS_PAGE } from "../reporting/schedule-page.ts";
import { buildSchemesPage, SCHEMES_PAGE } from "../schemes/pages.ts";
import { buildSurveysPage, SURVEYS_PAGE } from "../surveys/admin-view.ts";
import { forbiddenView, navFor } from "./nav.ts";
import { errorPage } from "./routes.tsx";
import { maySetUp, setupBase } from "./setup-access.ts";

type Ctx = Context<AppEnv>;

/** Signs in, or 403 for anyone but an administrator, then renders with the shared view parts. */
async function setupPage(
  c: Ctx,
  path: string,
  render: (principal: Principal, base: SetupBase) => Promise<Response>,
) {
  const principal = c.get("principal");
  if (!principal) {
    const url = new URL(c.req.url);
    return c.redirect(`/login?next=${encodeURIComponent(path + url.search)}`, 302);
  }
  if (!maySetUp(principal)) {
    const nav = navFor(principal, null, null, null, null);
    return errorPage(c, forbiddenView("系统管理页面只对系统管理员开放。", nav, "/dashboard"));
  }
  c.header("cache-control", "private, no-store");
  return render(principal, await setupBase(c.get("deps").store.db, principal));
}

const nowOf = (c: Ctx) => c.get("deps").now?.() ?? new Date();

/**
 * The administrator's setup pages under 系统管理: the org tree and a unit's yearly facts, the
 * scheme versions, the survey definitions, the report schedule and jobs. Writes go through the
 * API (PUT /org-units, POST /schemes), which scopes and audits them.
 */
export function setupPageRoutes() {
  const app = new Hono<AppEnv>();

  app.get(ORG_UNITS_PAGE, (c) =>
    setupPage(c, ORG_UNITS_PAGE, async (principal, base) => {
      const db = c.get("deps").store.db;
      const code = c.req.query("unit") || undefined;
      const view = await buildOrgUnitsPage(db, principal, base, code, nowOf(c));
      if ("status" in view) {
        const back = { href: ORG_UNITS_PAGE, label: "返回组织架构" };
        return errorPage(c, {
          status: view.status,
          title: view.status === 404 ? "未找到单位" : "无权访问",
          message: view.message,
          back,
          nav: base.nav,
        });
      }
      return c.html(<OrgUnitsPage view={view} scripts={await webScripts(c.get("deps"))} />);
    }),
  );

  app.get(SCHEMES_PAGE, (c) =>
    setupPage(c, SCHEMES_PAGE, async (principal, base) => {
      const db = c.get("deps").store.db;
      const id = c.req.query("id") || undefined;
      const view = await buildSchemesPage(db, principal, base, id, nowOf(c));
      return c.html(<SchemesPage view={view} scripts={await webScripts(c.get("deps"))} />);
    }),
  );

  app.get(SURVEYS_PAGE, (c) =>
    setupPage(c, SURVEYS_PAGE, async (_principal, base) => {
      const db = c.get("deps").store.db;
      const id = c.req.query("id") || undefined;
      const v = Number(c.req.query("version"));
      const version = Number.isInteger(v) && v > 0 && v < 2 ** 31 ? v : undefined;
      const view = await buildSurveysPage(db, base, id, version);
      if (!view) {
        return errorPage(c, {
          status: 404,
          title: "未找到问卷",
          message: `没有问卷 ${id}${version ? ` 第 ${version} 版` : ""}`,
          back: { href: SURVEYS_PAGE, label: "返回问卷列表" },
          nav: base.nav,
        });
      }
      return c.html(<SurveysSetupPage view={view} scripts={await webScripts(c.get("deps"))} />);
    }),
  );

  app.get(REPORTS_PAGE, (c) =>
    setupPage(c, REPORTS_PAGE, async (principal, base) => {
      const deps = c.get("deps");
      const cron = c.req.query("cron")?.slice(0, 200);
      const view = await buildReportsPage(
        deps.store.db,
        principal,
        base,
        deps.config,
        cron,
        nowOf(c),
      );
      return c.html(<ReportsSetupPage view={view} scripts={await webScripts(deps)} />);
    }),
  );

  return app;
}
