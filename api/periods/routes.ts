/**
 * GET /periods, POST /periods/{period}/close and …/reopen (CYCLE.md "Closing a quarter"). Only an
 * administrator of the whole tree closes or reopens: the official figures cover every unit.
 */
import { createRoute } from "@hono/zod-openapi";
import type { ZodError } from "zod";
import { parsePeriod, type Quarter } from "../../shapes/periods.ts";
import type { Principal } from "../access/principal.ts";
import { Forbidden, Invalid, zodFieldErrors } from "../errors.ts";
import { hostileValue } from "../http/input-rules.ts";
import { jsonBody, jsonResponse, newRouter, problems } from "../http/router.ts";
import { authorize } from "../middleware/authorize.ts";
import { cycleDaysResolver } from "../schemes/cycle.ts";
import { closeQuarter, reopenQuarter } from "./close.ts";
import { listClosings } from "./queries.ts";
import { ClosedPeriod, PeriodList, PeriodParams, ReopenBody, ReopenedPeriod } from "./schema.ts";
import { periodStates } from "./states.ts";

const list = createRoute({
  method: "get",
  path: "/periods",
  tags: ["periods"],
  summary: "Each quarter's state (open or closed) and its closings, newest first",
  description:
    "The current quarter and the seven before it, plus every quarter ever closed. A closed quarter's GET /indicators answers its official figures.",
  middleware: [authorize("periods.read")] as const,
  responses: {
    200: jsonResponse(PeriodList, "Quarters, newest first"),
    ...problems(401, 403),
  },
});

const close = createRoute({
  method: "post",
  path: "/periods/{period}/close",
  tags: ["periods"],
  summary: "Close a quarter: store the official figures of every unit (admin of the whole tree)",
  description:
    "Only after the quarter has ended. Stores, as the next version, everything GET /indicators answers for every unit (ranked among its siblings, under the default scheme). From then on the quarter's returns and appeals are refused (409), GET /indicators and reports use the official figures, and later cases are counted as `lateCases`. 409 when already closed; 422 for a quarter not ended or a malformed one.",
  middleware: [authorize("periods.close")] as const,
  request: { params: PeriodParams },
  responses: {
    200: jsonResponse(ClosedPeriod, "The closing: version, time, units stored"),
    ...problems(401, 403, 404, 409, 422),
  },
});

const reopen = createRoute({
  method: "post",
  path: "/periods/{period}/reopen",
  tags: ["periods"],
  summary: "Reopen a closed quarter, with a reason (admin of the whole tree)",
  description:
    "The closing's official figures stay stored and readable (`GET /indicators?version=N`); the quarter takes data again and a later close stores version N + 1. 409 when the quarter is not closed.",
  middleware: [authorize("periods.reopen")] as const,
  request: { params: PeriodParams, body: jsonBody(ReopenBody) },
  responses: {
    200: jsonResponse(ReopenedPeriod, "The reopened closing"),
    ...problems(401, 403, 409, 415, 422),
  },
});

/** A path's quarter, or 422 with a Chinese detail naming `period`. */
function quarterParam(text: string): Quarter {
  const q = parsePeriod(text);
  if (!q) {
    throw new Invalid(`季度“${text}”格式不对，应为 2026Q3 这样的写法`, [
      { path: "period", message: "应为 YYYYQn，如 2026Q3（2000–2100 年）" },
    ]);
  }
  return q;
}

function requireWholeTree(principal: Principal, what: string): void {
  if (principal.scopeUnitId !== null) {
    throw new Forbidden(`${what}对全部单位生效，只有全市（全树）管理员可以操作`);
  }
}

/** Validation failures in Chinese (the reason is the one field a person types here). */
function chineseValidation(
  result: { target: string } & (
    | { success: false; error: ZodError }
    | { success: true; data: unknown }
  ),
): void {
  const where = result.target === "json" ? "body" : result.target;
  if (!result.success) {
    const errors = zodFieldErrors(result.error, where);
    const reason = errors.some((e) => e.path === "body.reason");
    throw new Invalid(
      reason ? "请填写重新开账的原因（1–500 字）" : "请求格式不对",
      reason
        ? [{ path: "body.reason", message: "必填：写明重新开账的原因，1–500 字" }, ...errors]
        : errors,
    );
  }
  const hostile = hostileValue(result.data, where);
  if (hostile) throw new Invalid("请求中有无法接受的值", [hostile]);
}

export function periodRoutes() {
  const app = newRouter();
  app.openapi(list, async (c) => {
    const { db } = c.get("deps").store;
    const [closings, days] = await Promise.all([listClosings(db), cycleDaysResolver(db)]);
    const dueDay = (year: number) => days(year).returnsDueDay;
    return c.json({ periods: periodStates(closings, new Date(), dueDay) }, 200);
  });

  app.openapi(close, async (c) => {
    const principal = c.get("principal")!;
    const { period } = c.req.valid("param");
    c.set("auditTarget", `periods: ${period} close`);
    requireWholeTree(principal, "关账");
    const q = quarterParam(period);
    const { engine, now } = c.get("deps");
    const done = await closeQuarter(engine, q, principal.name, now?.() ?? new Date());
    c.set("auditDetail", {
      period: done.period,
      version: done.version,
      units: done.units,
      rectificationsOpened: done.rectificationsOpened,
    });
    return c.json({ ...done, closedAt: done.closedAt.toISOString() }, 200);
  });

  app.openapi(
    reopen,
    async (c) => {
      const principal = c.get("principal")!;
      const { period } = c.req.valid("param");
      const { reason } = c.req.valid("json");
      c.set("auditTarget", `periods: ${period} reopen`);
      requireWholeTree(principal, "重新开账");
      const q = quarterParam(period);
      const done = await reopenQuarter(c.get("deps").store.db, q, principal.name, reason);
      c.set("auditDetail", { period: done.period, version: done.version, reason });
      return c.json({ ...done, reopenedAt: done.reopenedAt.toISOString() }, 200);
    },
    (result) => {
      chineseValidation(result);
      return undefined;
    },
  );
  return app;
}
