import type { Context } from "hono";
import { Hono } from "hono";
import { deleteCookie } from "hono/cookie";
import { safeNext } from "../../web/client/lib/safe-next.ts";
import { AppealFormPage } from "../../web/pages/appeal-form.tsx";
import { AppealQueuePage } from "../../web/pages/appeal-queue.tsx";
import { AssessmentPage } from "../../web/pages/assessment.tsx";
import { DashboardPage } from "../../web/pages/dashboard.tsx";
import { DataQualityPage } from "../../web/pages/dashboard-data-quality.tsx";
import { DashboardErrorPage } from "../../web/pages/dashboard-error.tsx";
import type { ErrorView, ScriptFiles } from "../../web/pages/dashboard-model.ts";
import { LoginPage } from "../../web/pages/login.tsx";
import { PeriodsPage } from "../../web/pages/periods.tsx";
import { RedItemsPage } from "../../web/pages/red-items.tsx";
import { revokeSession } from "../access/auth/queries/sessions.ts";
import { can } from "../access/permissions.ts";
import { buildAppealForm, buildAppealQueue } from "../appeals/pages.ts";
import { serveWebAsset, webScripts } from "../assets/dashboard.ts";
import type { AppEnv } from "../env.ts";
import { auditExport } from "../exports/access.ts";
import { streamExport } from "../exports/deliver.ts";
import { SESSION_COOKIE } from "../middleware/authenticate.ts";
import { assessmentAccess, loadAssessment } from "./assessment-access.ts";
import { buildAssessmentPage } from "./assessment-page.ts";
import { parseFigureChoice, type Resolved, resolvePage } from "./context.ts";
import { buildDataQuality } from "./data-quality.ts";
import { forbiddenView, navFor, type PageKind, PERIODS_PAGE } from "./nav.ts";
import { buildOverview } from "./overview.ts";
import { buildPeriodsPage } from "./periods-page.ts";
import { rectificationPanel } from "./rectification-panel.ts";
import { basisText, RED_TABLE, redCells } from "./red-export.ts";
import { filterRedItems, parseRedFilter } from "./red-filter.ts";
import { buildRedItems, historyAndRedItems } from "./red-page.ts";
import { withTasks } from "./red-tasks.ts";

type Ctx = Context<AppEnv>;

export async function errorPage(c: Ctx, view: ErrorView) {
  const scripts = await webScripts(c.get("deps"));
  return c.html(<DashboardErrorPage view={view} scripts={scripts} />, view.status);
}

/**
 * Resolves the page request and renders it, or answers with the redirect (log in, default unit
 * or quarter) or the Chinese 403/404 page the resolution calls for.
 */
export async function page(
  c: Ctx,
  kind: PageKind,
  render: (page: Resolved, scripts: ScriptFiles) => Promise<Response>,
) {
  const code = c.req.param("code");
  const r = await resolvePage(
    c.get("deps").engine,
    c.get("principal"),
    kind,
    code,
    c.req.query("period"),
    parseFigureChoice((name) => c.req.query(name)),
  );
  if (r.kind === "login") {
    const url = new URL(c.req.url);
    return c.redirect(`/login?next=${encodeURIComponent(url.pathname + url.search)}`, 302);
  }
  if (r.kind === "redirect") {
    const charts = c.req.query("charts");
    return c.redirect(charts === "0" ? `${r.to}&charts=0` : r.to, 302);
  }
  if (r.kind === "error") return errorPage(c, r.view);
  c.header("cache-control", "private, no-store");
  return render(r.page, await webScripts(c.get("deps")));
}

/**
 * The leadership dashboard's pages (server-rendered, Chinese): the sign-in page, the unit
 * overview, red items and data-quality findings, and the browser bundles they load.
 */
export function dashboardRoutes() {
  const app = new Hono<AppEnv>();

  app.get("/login", async (c) => {
    // The same check the sign-in form makes before it follows `next` (web/client/lib/safe-next.ts).
    const next = safeNext(c.req.query("next"));
    if (c.get("principal")) return c.redirect(next, 302);
    const scripts = await webScripts(c.get("deps"));
    return c.html(<LoginPage view={{ next, username: null }} scripts={scripts} />);
  });

  // The sign-out form's target when scripts are off (the dashboard bundle calls the API instead).
  app.post("/logout", async (c) => {
    const principal = c.get("principal");
    const origin = c.req.header("origin");
    const sameOrigin = origin
      ? origin === new URL(c.req.url).origin
      : c.req.header("sec-fetch-site") !== "cross-site";
    if (principal?.sessionHash && principal.via === "cookie" && sameOrigin) {
      await revokeSession(c.get("deps").store.db, principal.sessionHash);
    }
    deleteCookie(c, SESSION_COOKIE, { path: "/" });
    return c.redirect("/login", 303);
  });

  app.get("/dashboard/assets/:name", (c) => serveWebAsset(c, c.req.param("name")));

  app.get("/dashboard", (c) => page(c, "overview", async () => c.text("unreachable", 500)));

  app.get("/dashboard/:code", (c) =>
    page(c, "overview", async (p, scripts) => {
      const charts = c.req.query("charts") !== "0";
      const view = await buildOverview(c.get("deps").store.db, p, charts);
      view.rectification = await rectificationPanel(p, c.get("deps").now?.() ?? new Date());
      return c.html(<DashboardPage view={view} scripts={scripts} />);
    }),
  );

  app.get("/dashboard/:code/red-items", (c) =>
    page(c, "red-items", async (p, scripts) => {
      const filter = parseRedFilter((name) => c.req.query(name));
      const now = c.get("deps").now?.() ?? new Date();
      const view = await buildRedItems(c.get("deps").store.db, p, filter, now);
      return c.html(<RedItemsPage view={view} scripts={scripts} />);
    }),
  );

  // The filtered red items (all pages) as CSV or XLSX, with the page's access rules.
  app.get("/dashboard/:code/red-items/export", (c) =>
    page(c, "red-items", async (p) => {
      const format = c.req.query("format") === "xlsx" ? "xlsx" : "csv";
      const filter = parseRedFilter((name) => c.req.query(name));
      const { red } = await historyAndRedItems(c.get("deps").store.db, p);
      const basis = basisText(p.ctx.periodState);
      const now = c.get("deps").now?.() ?? new Date();
      const rows = filterRedItems(await withTasks(p, red, now), filter).map((i) =>
        redCells(i, basis),
      );
      await auditExport(c, 200, `red-items.${format}: ${p.unit.code} ${p.ctx.period}`, {
        rows: rows.length,
        format,
        period: p.ctx.period,
        orgUnit: p.unit.code,
        official: p.ctx.periodState.status === "closed",
      });
      return streamExport(c, {
        table: "red-items",
        format,
        encoding: "utf-8",
        spec: RED_TABLE,
        rows: async function* () {
          yield rows;
        },
        total: rows.length,
        fileName: `red-items-${p.unit.code}-${p.ctx.period}.${format}`,
        fileNameZh: `红色指标-${p.unit.name}-${p.ctx.period}.${format}`,
      });
    }),
  );

  app.get("/dashboard/:code/data-quality", (c) =>
    page(c, "data-quality", async (p, scripts) => {
      const view = await buildDataQuality(c.get("deps").store.db, p);
      return c.html(<DataQualityPage view={view} scripts={scripts} />);
    }),
  );

  app.get("/dashboard/:code/appeals", (c) =>
    page(c, "appeals", async (p, scripts) => {
      const now = c.get("deps").now?.() ?? new Date();
      const view = await buildAppealQueue(c.get("deps").store.db, p, now);
      return c.html(<AppealQueuePage view={view} scripts={scripts} />);
    }),
  );

  app.get("/dashboard/:code/appeals/new", (c) =>
    page(c, "appeal-new", async (p, scripts) => {
      const now = c.get("deps").now?.() ?? new Date();
      const indicator = c.req.query("indicator");
      const view = await buildAppealForm(c.get("deps").store.db, p, indicator, now);
      return c.html(<AppealFormPage view={view} scripts={scripts} />);
    }),
  );

  // The assessor's scoring page (评估打分): everyone who reads the unit sees it, assessors and
  // admins write (the API decides again on every write).
  app.get("/dashboard/:code/assessment", (c) =>
    page(c, "assessment", async (p, scripts) => {
      const db = c.get("deps").store.db;
      const stored = await loadAssessment(db, p);
      const view = await buildAssessmentPage(db, p, stored, assessmentAccess(p));
      return c.html(<AssessmentPage view={view} scripts={scripts} />);
    }),
  );

  // Closing and reopening quarters: an administrator of the whole tree only (as the API).
  app.get(PERIODS_PAGE, async (c) => {
    const principal = c.get("principal");
    if (!principal) return c.redirect(`/login?next=${encodeURIComponent(PERIODS_PAGE)}`, 302);
    if (!can(principal.role, "periods.close") || principal.scopeUnitId !== null) {
      const nav = navFor(principal, null, null, null, null);
      return errorPage(
        c,
        forbiddenView(
          "季度关账对全部单位生效，只有全市（全树）管理员可以操作。",
          nav,
          "/dashboard",
        ),
      );
    }
    c.header("cache-control", "private, no-store");
    const view = await buildPeriodsPage(c.get("deps").store.db, principal);
    return c.html(<PeriodsPage view={view} scripts={await webScripts(c.get("deps"))} />);
  });

  return app;
}
