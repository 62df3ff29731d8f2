import { createRoute } from "@hono/zod-openapi";
import { parsePeriod } from "../../../shapes/periods.ts";
import { scopedRoot, scopedUnit } from "../../access/scope.ts";
import { NotFound } from "../../errors.ts";
import { jsonResponse, problems, type Router } from "../../http/router.ts";
import { authorize } from "../../middleware/authorize.ts";
import { acceptedPeriod } from "../../periods/rules.ts";
import { communitiesMissingReturn, getReturn, listReturns, returnHistory } from "../queries.ts";
import {
  ListReturnsQuery,
  ReturnHistory,
  ReturnList,
  ReturnParams,
  StoredReturn,
} from "../schema.ts";
import { presentHistory, presentReturn } from "./present.ts";

const one = createRoute({
  method: "get",
  path: "/returns/{orgUnitCode}/{period}",
  tags: ["returns"],
  summary: "A unit's stored return for a quarter",
  middleware: [authorize("returns.read")] as const,
  request: { params: ReturnParams },
  responses: {
    200: jsonResponse(StoredReturn, "The stored return"),
    ...problems(401, 403, 404, 422),
  },
});

const history = createRoute({
  method: "get",
  path: "/returns/{orgUnitCode}/{period}/history",
  tags: ["returns"],
  summary: "Every change of a unit's return for a quarter, newest first",
  middleware: [authorize("returns.read")] as const,
  request: { params: ReturnParams },
  responses: {
    200: jsonResponse(ReturnHistory, "Who changed what and when (empty when never filed)"),
    ...problems(401, 403, 404, 422),
  },
});

const list = createRoute({
  method: "get",
  path: "/returns",
  tags: ["returns"],
  summary: "The returns of a subtree for a quarter, and the communities missing one",
  middleware: [authorize("returns.read")] as const,
  request: { query: ListReturnsQuery },
  responses: {
    200: jsonResponse(ReturnList, "Filed returns by code, and the communities that filed none"),
    ...problems(401, 403, 404, 422),
  },
});

export function registerGetReturns(app: Router) {
  app.openapi(one, async (c) => {
    const { orgUnitCode, period } = c.req.valid("param");
    const { db } = c.get("deps").store;
    const unit = await scopedUnit(db, c.get("principal")!, orgUnitCode);
    const stored = await getReturn(db, unit.id, acceptedPeriod(period, "param.period"));
    if (!stored) throw new NotFound(`单位 ${unit.code} 没有 ${period} 的季度填报`);
    return c.json(presentReturn(stored), 200);
  });

  app.openapi(history, async (c) => {
    const { orgUnitCode, period } = c.req.valid("param");
    const { db } = c.get("deps").store;
    const unit = await scopedUnit(db, c.get("principal")!, orgUnitCode);
    const entries = await returnHistory(db, unit.id, acceptedPeriod(period, "param.period"));
    return c.json({ orgUnit: unit.code, period, entries: entries.map(presentHistory) }, 200);
  });

  app.openapi(list, async (c) => {
    const { period, orgUnit } = c.req.valid("query");
    const { db } = c.get("deps").store;
    const root = await scopedRoot(db, c.get("principal")!, orgUnit);
    const q = parsePeriod(period)!;
    const [returns, missing] = [
      await listReturns(db, root.id, q),
      await communitiesMissingReturn(db, root.id, q),
    ];
    return c.json(
      {
        period,
        orgUnit: root.code,
        returns: returns.map(presentReturn),
        missing: missing.map((m) => ({ code: m.code, name: m.name })),
      },
      200,
    );
  });
}
