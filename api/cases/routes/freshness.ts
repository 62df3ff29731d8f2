import { createRoute } from "@hono/zod-openapi";
import { jsonResponse, problems, type Router } from "../../http/router.ts";
import { authorize } from "../../middleware/authorize.ts";
import { listFreshness } from "../queries/freshness.ts";
import { FreshnessList } from "../schema.ts";

const route = createRoute({
  method: "get",
  path: "/cases/freshness",
  tags: ["cases"],
  summary: "Data as of: per source, the last delivery and the latest reportedAt received",
  middleware: [authorize("indicators.read")] as const,
  responses: {
    200: jsonResponse(FreshnessList, "One entry per source, by source"),
    ...problems(401, 403),
  },
});

export function registerCaseFreshness(app: Router) {
  app.openapi(route, async (c) => {
    const rows = await listFreshness(c.get("deps").store.db);
    return c.json(
      rows.map((r) => ({
        source: r.source,
        lastReceivedAt: r.lastReceivedAt.toISOString(),
        maxReportedAt: r.maxReportedAt?.toISOString() ?? null,
      })),
      200,
    );
  });
}
