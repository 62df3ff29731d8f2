import type { Context } from "hono";
import { Hono } from "hono";
import { deleteCookie } from "hono/cookie";
import { safeNext } from "../../web/client/lib/safe-next.ts";
import { DashboardPage } from "../../web/pages/dashboard.tsx";
import { DataQualityPage } from "../../web/pages/dashboard-data-quality.tsx";
import { DashboardErrorPage } from "../../web/pages/dashboard-error.tsx";
import type { ErrorView, ScriptFiles } from "../../web/pages/dashboard-model.ts";
import { LoginPage } from "../../web/pages/login.tsx";
import { RedItemsPage } from "../../web/pages/red-items.tsx";
import { revokeSession } from "../access/auth/queries/sessions.ts";
import { serveWebAsset, webScripts } from "../assets/dashboard.ts";
import type { AppEnv } from "../env.ts";
import { SESSION_COOKIE } from "../middleware/authenticate.ts";
import { type PageKind, type Resolved, resolvePage } from "./context.ts";
import { buildDataQuality } from "./data-quality.ts";
import { buildOverview } from "./overview.ts";
import { buildRedItems } from "./red-page.ts";

type Ctx = Context<AppEnv>;

async function errorPage(c: Ctx, view: ErrorView) {
  const scripts = await webScripts(c.get("deps"));
  return c.html(<DashboardErrorPage view={view} scripts={scripts} />, view.status);
}

/**
 * Resolves the page request and renders it, or answers with the redirect (log in, default unit
 * or quarter) or the Chinese 403/404 page the resolution calls for.
 */
async function page(
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
      return c.html(<DashboardPage view={view} scripts={scripts} />);
    }),
  );

  app.get("/dashboard/:code/red-items", (c) =>
    page(c, "red-items", async (p, scripts) => {
      const view = await buildRedItems(c.get("deps").store.db, p);
      return c.html(<RedItemsPage view={view} scripts={scripts} />);
    }),
  );

  app.get("/dashboard/:code/data-quality", (c) =>
    page(c, "data-quality", async (p, scripts) => {
      const view = await buildDataQuality(c.get("deps").store.db, p);
      return c.html(<DataQualityPage view={view} scripts={scripts} />);
    }),
  );

  return app;
}
