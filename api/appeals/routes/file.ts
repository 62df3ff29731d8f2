import { createRoute } from "@hono/zod-openapi";
import { parsePeriod } from "../../../shapes/periods.ts";
import { jsonBody, jsonResponse, problems, type Router } from "../../http/router.ts";
import { authorize } from "../../middleware/authorize.ts";
import { fileAppeal } from "../rules.ts";
import { AppealCreated, AppealInput } from "../schema.ts";
import { APPEALS_DUE_DAY } from "../window.ts";

const route = createRoute({
  method: "post",
  path: "/appeals",
  tags: ["appeals"],
  summary: "File an appeal (核减申请) against some of a unit's cases of a quarter",
  description:
    "By a leader or clerk whose scope holds `orgUnit`. Every case must belong to the unit's subtree and to `period` " +
    "(reported or resolved in it), be known, not exempt already and not named by another pending appeal (409). " +
    `Filing closes at the end of day ${APPEALS_DUE_DAY} after the quarter's last day, Asia/Shanghai (409 after). ` +
    "`attachments` are ids of evidence files the caller uploaded (POST /attachments). Nothing is written on any refusal.",
  middleware: [authorize("appeals.file")] as const,
  request: { body: jsonBody(AppealInput) },
  responses: {
    201: jsonResponse(AppealCreated, "The appeal, pending"),
    ...problems(401, 403, 409, 415, 422),
  },
});

export function registerFileAppeal(app: Router) {
  app.openapi(route, async (c) => {
    const body = c.req.valid("json");
    const deps = c.get("deps");
    const principal = c.get("principal")!;
    c.set("auditTarget", `appeals: ${body.orgUnit} ${body.period}`);
    const id = await fileAppeal(
      deps.store.db,
      principal,
      {
        orgUnit: body.orgUnit,
        period: parsePeriod(body.period)!,
        cases: body.cases,
        reason: body.reason,
        note: body.note,
        attachments: body.attachments,
      },
      deps.now?.() ?? new Date(),
    );
    c.set("auditTarget", `appeal ${id}: ${body.orgUnit} ${body.period}`);
    c.set("auditDetail", {
      appeal: id,
      reason: body.reason,
      cases: body.cases.map((k) => `${k.source}/${k.externalId}`),
      attachments: body.attachments,
    });
    return c.json({ id, status: "pending" as const }, 201);
  });
}
