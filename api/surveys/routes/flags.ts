import { createRoute } from "@hono/zod-openapi";
import { formatPeriod, quarterEnd, quarterStart } from "../../../shapes/periods.ts";
import { namedOrOwnUnit } from "../../access/scope.ts";
import { jsonBody, jsonResponse, problems, type Router } from "../../http/router.ts";
import { SATISFACTION_SURVEY } from "../../indicators/cold.ts";
import { authorize } from "../../middleware/authorize.ts";
import { acceptedPeriod } from "../../periods/rules.ts";
import { decideScoped } from "../integrity/decide.ts";
import { flagCountsByUnit, listFlaggedResponses } from "../integrity/queries.ts";
import {
  FlagDecision,
  FlagDecisionResult,
  FlagDetect,
  FlagDetectResult,
  FlagList,
  FlagListQuery,
} from "../integrity/schema.ts";
import { detectSurveyFlags } from "../integrity/signals.ts";

/** Flagged responses listed at most; the counts cover them all. */
const LIST_LIMIT = 1000;

const list = createRoute({
  method: "get",
  path: "/survey-flags",
  tags: ["surveys"],
  summary: "Survey responses flagged as possible stuffing, with counts (assessor, admin)",
  description:
    "The flagged responses of a unit's subtree in a quarter (oldest first, at most 1,000) with their signals and decision, and the counts: flagged, open, confirmed (excluded from G4), dismissed, by signal. Flagged responses stay stored and count until an assessor confirms them.",
  middleware: [authorize("surveyFlags.read")] as const,
  request: { query: FlagListQuery },
  responses: { 200: jsonResponse(FlagList, "The flags"), ...problems(400, 401, 403, 404, 422) },
});

const decide = createRoute({
  method: "post",
  path: "/survey-flags/decision",
  tags: ["surveys"],
  summary: "Confirm or dismiss flagged survey responses (assessor, admin)",
  description:
    "Confirmed responses count in no survey figure (G4, the satisfaction rate, the statistics); dismissed ones count as before. A decision can be changed. Every response must carry a flag (404) and lie in your scope (403). The quarter's figures are recomputed; recorded in the audit log.",
  middleware: [authorize("surveyFlags.decide")] as const,
  request: { body: jsonBody(FlagDecision) },
  responses: {
    200: jsonResponse(FlagDecisionResult, "How many responses were decided"),
    ...problems(400, 401, 403, 404, 413, 415, 422),
  },
});

const detect = createRoute({
  method: "post",
  path: "/survey-flags/detect",
  tags: ["surveys"],
  summary: "Look for stuffing signals in a quarter's survey responses now (assessor, admin)",
  description:
    "Runs the signals over every response of the quarter (they also run after each batch or import and every few minutes on new responses). Raises only new flags; decisions stay.",
  middleware: [authorize("surveyFlags.decide")] as const,
  request: { body: jsonBody(FlagDetect) },
  responses: {
    200: jsonResponse(FlagDetectResult, "New flags by signal"),
    ...problems(400, 401, 403, 413, 415, 422),
  },
});

export function registerFlags(app: Router) {
  app.openapi(list, async (c) => {
    const query = c.req.valid("query");
    const q = acceptedPeriod(query.period, "query.period");
    const unit = await namedOrOwnUnit(c.get("deps").store.db, c.get("principal")!, query.orgUnit);
    const db = c.get("deps").store.db;
    const surveyId = query.surveyId ?? SATISFACTION_SURVEY;
    const w = { surveyId, rootId: unit.id, from: quarterStart(q), to: quarterEnd(q) };
    const [{ total }, rows] = await Promise.all([
      flagCountsByUnit(db, w),
      listFlaggedResponses(db, {
        ...w,
        limit: LIST_LIMIT + 1,
        ...(query.status ? { status: query.status } : {}),
      }),
    ]);
    return c.json(
      {
        surveyId,
        period: formatPeriod(q),
        orgUnit: unit.code,
        counts: total,
        responses: rows.slice(0, LIST_LIMIT).map((r) => ({
          ...r,
          submittedAt: r.submittedAt.toISOString(),
          decidedAt: r.decidedAt?.toISOString() ?? null,
        })),
        truncated: rows.length > LIST_LIMIT,
      },
      200,
    );
  });

  app.openapi(decide, async (c) => {
    const body = c.req.valid("json");
    const principal = c.get("principal")!;
    const db = c.get("deps").store.db;
    const ids = [...new Set(body.responseIds)];
    const decided = await decideScoped(db, principal, ids, body.decision);
    c.set("auditTarget", `survey-flags: ${body.decision} ${decided}`);
    c.set("auditDetail", { decision: body.decision, responseIds: ids });
    return c.json({ decided }, 200);
  });

  app.openapi(detect, async (c) => {
    const body = c.req.valid("json");
    const q = acceptedPeriod(body.period, "body.period");
    const raised = await detectSurveyFlags(c.get("deps").store.db, {
      from: quarterStart(q),
      to: new Date(quarterEnd(q).getTime() - 1),
    });
    c.set("auditTarget", `survey-flags: detect ${formatPeriod(q)}`);
    c.set("auditDetail", raised);
    return c.json({ raised }, 200);
  });
}
