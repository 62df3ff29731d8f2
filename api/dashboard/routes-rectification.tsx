/**
 * The rectification pages (issue 19), server-rendered in Chinese with the dashboard's access rules
 * (api/dashboard/context.ts): 整改任务 (a unit's tasks and one task's page, where the unit
 * reports progress and evidence), 整改验收 (the verifier's queue) and 整改台账 (the leaders'
 * ledger, filterable, paged, exportable). The forms post to /api/v1/rectifications.
 */
import { Hono } from "hono";
import { LedgerPage } from "../../web/pages/rectification-ledger.tsx";
import { TaskListPage, TaskPage } from "../../web/pages/rectification-tasks.tsx";
import { VerifyQueuePage } from "../../web/pages/rectification-verify.tsx";
import type { AppEnv } from "../env.ts";
import { auditExport } from "../exports/access.ts";
import { streamExport } from "../exports/deliver.ts";
import { LEDGER_TABLE, ledgerCells } from "./rectification-export.ts";
import {
  buildLedger,
  buildTaskList,
  buildTaskPage,
  buildVerifyQueue,
  ledgerRows,
  parseLedgerFilter,
  tasksOf,
  tomorrow,
} from "./rectification-pages.ts";
import { errorPage, page } from "./routes.tsx";

export function rectificationPageRoutes() {
  const app = new Hono<AppEnv>();
  const now = (c: { get(k: "deps"): AppEnv["Variables"]["deps"] }) =>
    c.get("deps").now?.() ?? new Date();

  app.get("/dashboard/:code/tasks", (c) =>
    page(c, "tasks", async (p, scripts) => {
      const view = buildTaskList(p, await tasksOf(p, now(c)));
      return c.html(<TaskListPage view={view} scripts={scripts} />);
    }),
  );

  app.get("/dashboard/:code/tasks/:id", (c) =>
    page(c, "tasks", async (p, scripts) => {
      const id = Number(c.req.param("id"));
      const view = Number.isInteger(id)
        ? buildTaskPage(p, await tasksOf(p, now(c)), id, now(c))
        : null;
      if (!view) {
        return errorPage(c, {
          status: 404,
          title: "未找到该整改任务",
          message: `${p.unit.name}及其下级单位没有编号为 ${c.req.param("id")} 的整改任务。`,
          back: {
            href: `/dashboard/${encodeURIComponent(p.unit.code)}/tasks?period=${p.ctx.period}`,
            label: "返回任务列表",
          },
          nav: p.ctx.nav,
        });
      }
      return c.html(<TaskPage view={view} scripts={scripts} />);
    }),
  );

  app.get("/dashboard/:code/verify", (c) =>
    page(c, "verify", async (p, scripts) => {
      const at = now(c);
      const view = buildVerifyQueue(p, await tasksOf(p, at));
      const minDeadline = tomorrow(at);
      return c.html(<VerifyQueuePage view={view} scripts={scripts} minDeadline={minDeadline} />);
    }),
  );

  app.get("/dashboard/:code/rectifications", (c) =>
    page(c, "rectifications", async (p, scripts) => {
      const filter = parseLedgerFilter((name) => c.req.query(name));
      const view = await buildLedger(p, filter, now(c));
      return c.html(<LedgerPage view={view} scripts={scripts} />);
    }),
  );

  // The filtered ledger (all pages) as CSV or XLSX, with the page's access rules.
  app.get("/dashboard/:code/rectifications/export", (c) =>
    page(c, "rectifications", async (p) => {
      const format = c.req.query("format") === "xlsx" ? "xlsx" : "csv";
      const filter = parseLedgerFilter((name) => c.req.query(name));
      const rows = (await ledgerRows(p, filter, now(c))).map(ledgerCells);
      await auditExport(c, 200, `rectifications.${format}: ${p.unit.code}`, {
        rows: rows.length,
        format,
        orgUnit: p.unit.code,
      });
      return streamExport(c, {
        table: "rectifications",
        format,
        encoding: "utf-8",
        spec: LEDGER_TABLE,
        rows: async function* () {
          yield rows;
        },
        total: rows.length,
        fileName: `rectifications-${p.unit.code}.${format}`,
        fileNameZh: `整改台账-${p.unit.name}.${format}`,
      });
    }),
  );

  return app;
}
