/**
 * The administrator's pages (系统管理, issue 21): the home, users, API keys and the audit log,
 * server-rendered in Chinese, each within the administrator's scope. The forms call the JSON API
 * (/api/v1/users, /api/v1/api-keys) from web/client/lib/admin-actions.ts, so every change is
 * checked and audited as any API call; the audit log's CSV export is recorded too.
 */
import type { Context } from "hono";
import { Hono } from "hono";
import { ApiKeysPage } from "../../web/pages/admin-api-keys.tsx";
import { AuditPage } from "../../web/pages/admin-audit.tsx";
import { AdminHomePage } from "../../web/pages/admin-home.tsx";
import { UsersPage } from "../../web/pages/admin-users.tsx";
import { buildApiKeysPage } from "../access/pages/api-keys.ts";
import { buildAuditPage } from "../access/pages/audit.ts";
import { AUDIT_TABLE, auditExportRows } from "../access/pages/audit-export.ts";
import { parseAuditQuery, resolveAuditFilter } from "../access/pages/audit-filter.ts";
import {
  ADMIN_AUDIT_PAGE,
  ADMIN_KEYS_PAGE,
  ADMIN_USERS_PAGE,
  buildAdminHome,
} from "../access/pages/home.ts";
import { buildUsersPage } from "../access/pages/users.ts";
import { type Action, can } from "../access/permissions.ts";
import type { Principal } from "../access/principal.ts";
import { webScripts } from "../assets/dashboard.ts";
import type { AppEnv } from "../env.ts";
import { auditExport } from "../exports/access.ts";
import { streamExport } from "../exports/deliver.ts";
import { ADMIN_PAGE, forbiddenView, navFor } from "./nav.ts";
import { errorPage } from "./routes.tsx";

type Ctx = Context<AppEnv>;

/**
 * The signed-in administrator allowed `action`, or the response instead: the sign-in page (then
 * back here), or the Chinese 403 page.
 */
async function admitted(
  c: Ctx,
  action: Action,
): Promise<{ principal: Principal; denied: null } | { principal: null; denied: Response }> {
  const principal = c.get("principal");
  if (!principal) {
    const url = new URL(c.req.url);
    const next = encodeURIComponent(url.pathname + url.search);
    return { principal: null, denied: c.redirect(`/login?next=${next}`, 302) };
  }
  if (!can(principal.role, action)) {
    const nav = navFor(principal, null, null, null, null);
    const view = forbiddenView("系统管理只对系统管理员开放。", nav, "/dashboard");
    return { principal: null, denied: await errorPage(c, view) };
  }
  c.header("cache-control", "private, no-store");
  return { principal, denied: null };
}

export function accessPageRoutes() {
  const app = new Hono<AppEnv>();
  const db = (c: Ctx) => c.get("deps").store.db;

  app.get(ADMIN_PAGE, async (c) => {
    const a = await admitted(c, "users.manage");
    if (a.denied) return a.denied;
    const view = await buildAdminHome(db(c), a.principal);
    return c.html(<AdminHomePage view={view} scripts={await webScripts(c.get("deps"))} />);
  });

  app.get(ADMIN_USERS_PAGE, async (c) => {
    const a = await admitted(c, "users.manage");
    if (a.denied) return a.denied;
    const view = await buildUsersPage(db(c), a.principal);
    return c.html(<UsersPage view={view} scripts={await webScripts(c.get("deps"))} />);
  });

  app.get(ADMIN_KEYS_PAGE, async (c) => {
    const a = await admitted(c, "apiKeys.manage");
    if (a.denied) return a.denied;
    const view = await buildApiKeysPage(db(c), a.principal);
    return c.html(<ApiKeysPage view={view} scripts={await webScripts(c.get("deps"))} />);
  });

  app.get(ADMIN_AUDIT_PAGE, async (c) => {
    const a = await admitted(c, "audit.read");
    if (a.denied) return a.denied;
    const q = parseAuditQuery((name) => c.req.query(name));
    const view = await buildAuditPage(db(c), a.principal, q, c.req.query("page"));
    return c.html(<AuditPage view={view} scripts={await webScripts(c.get("deps"))} />);
  });

  // Every entry the filters keep, as CSV with Chinese headers; the export is itself audited.
  app.get(`${ADMIN_AUDIT_PAGE}/export`, async (c) => {
    const a = await admitted(c, "audit.read");
    if (a.denied) return a.denied;
    const q = parseAuditQuery((name) => c.req.query(name));
    const resolved = await resolveAuditFilter(db(c), a.principal, q);
    if (resolved.filter === null) {
      const nav = navFor(a.principal, null, null, null, null);
      return errorPage(c, {
        status: 400,
        title: "无法导出",
        message: resolved.error,
        back: { href: ADMIN_AUDIT_PAGE, label: "返回审计日志" },
        nav,
      });
    }
    const now = c.get("deps").now?.() ?? new Date();
    const { total, rows } = await auditExportRows(db(c), resolved.filter, now);
    await auditExport(c, 200, "audit.csv", { rows: total, format: "csv", filter: q });
    return streamExport(c, {
      table: "audit",
      format: "csv",
      encoding: "utf-8",
      spec: AUDIT_TABLE,
      rows,
      total,
      fileName: "audit-log.csv",
      fileNameZh: "审计日志.csv",
    });
  });

  return app;
}
