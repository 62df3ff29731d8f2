import { createRoute } from "@hono/zod-openapi";
import { TooLarge } from "../../errors.ts";
import { authorize } from "../../middleware/authorize.ts";
import { jsonBody, jsonResponse, problems, type Router } from "../common.ts";
import { ingestCases, MAX_BATCH } from "./ingest.ts";
import { CaseBatchBody, IngestSummary } from "./schema.ts";

const route = createRoute({
  method: "post",
  path: "/cases/batch",
  tags: ["cases"],
  summary: "Ingest a batch of cases (upsert by source + externalId)",
  description:
    "Each case is checked on its own: good ones are stored, bad ones come back in `rejected` with each field named. " +
    "Re-sending a case updates it (`updated`), or changes nothing when it is identical (`unchanged`). " +
    "Of two cases with the same source and externalId in one batch the later is kept, the earlier rejected as a duplicate. " +
    "The batch is stored in one transaction. Cases must lie, and already stored cases must already lie, inside your scope.",
  middleware: [authorize("cases.ingest")] as const,
  request: { body: jsonBody(CaseBatchBody) },
  responses: {
    200: jsonResponse(IngestSummary, "Counts, and each rejected case with its reasons"),
    ...problems(400, 401, 403, 413, 415, 422),
  },
});

export function registerCaseBatch(app: Router) {
  app.openapi(route, async (c) => {
    const { cases } = c.req.valid("json");
    if (cases.length > MAX_BATCH) {
      throw new TooLarge(
        `A batch holds at most ${MAX_BATCH} cases; this one has ${cases.length}. Split it.`,
      );
    }
    const principal = c.get("principal")!;
    const summary = await ingestCases(c.get("deps").store.db, principal.scopeUnitId, cases);
    c.set("auditTarget", `cases: ${summary.received} received`);
    c.set("auditDetail", {
      received: summary.received,
      inserted: summary.inserted,
      updated: summary.updated,
      unchanged: summary.unchanged,
      rejected: summary.rejected.length,
    });
    return c.json(summary, 200);
  });
}
