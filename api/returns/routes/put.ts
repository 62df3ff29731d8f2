import { createRoute } from "@hono/zod-openapi";
import { parsePeriod } from "../../../shapes/periods.ts";
import { scopedUnit } from "../../access/scope.ts";
import { jsonBody, jsonResponse, problems, type Router } from "../../http/router.ts";
import { authorize } from "../../middleware/authorize.ts";
import { assertPeriodOpen, isLateReturn } from "../../periods/rules.ts";
import { cycleDaysOf } from "../../schemes/cycle.ts";
import { getReturn, writeReturns } from "../queries.ts";
import { ReturnInput, ReturnParams, StoredReturn } from "../schema.ts";
import { figuresOf, presentReturn } from "./present.ts";

const route = createRoute({
  method: "put",
  path: "/returns/{orgUnitCode}/{period}",
  tags: ["returns"],
  summary: "File or replace a unit's quarterly return",
  description:
    "Replaces the unit's return for the quarter: a figure not sent is stored as null (PUT semantics, no merge). " +
    "Every change is kept in the return's history with who and when; a PUT identical to the stored return writes nothing. " +
    "The data versions of the quarter and the later quarters of its year are bumped (fund execution is year-to-date). " +
    "A return filed after the due day (day 10 after the quarter, Asia/Shanghai) is stored with `late: true` (迟报); once the quarter is closed it is refused (409).",
  middleware: [authorize("returns.write")] as const,
  request: { params: ReturnParams, body: jsonBody(ReturnInput) },
  responses: {
    200: jsonResponse(StoredReturn, "The stored return"),
    ...problems(400, 401, 403, 404, 409, 415, 422),
  },
});

export function registerPutReturn(app: Router) {
  app.openapi(route, async (c) => {
    const { orgUnitCode, period } = c.req.valid("param");
    const body = c.req.valid("json");
    const principal = c.get("principal")!;
    const { db } = c.get("deps").store;
    const unit = await scopedUnit(db, principal, orgUnitCode);
    const q = parsePeriod(period)!;
    const outcome = await db.transaction().execute(async (trx) => {
      await assertPeriodOpen(trx, q);
      const { returnsDueDay } = await cycleDaysOf(trx, q.year);
      const late = isLateReturn(q, new Date(), returnsDueDay);
      return writeReturns(
        trx,
        q,
        [{ orgUnitId: unit.id, values: figuresOf(body) }],
        principal.name,
        late,
      );
    });
    c.set("auditTarget", `returns: ${unit.code} ${period}`);
    c.set("auditDetail", { changed: outcome.changed.length > 0 });
    const stored = await getReturn(db, unit.id, q);
    return c.json(presentReturn(stored!), 200);
  });
}
