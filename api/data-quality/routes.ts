import { createRoute } from "@hono/zod-openapi";
import { scopedRoot } from "../access/scope.ts";
import { jsonResponse, newRouter, problems } from "../http/router.ts";
import { authorize } from "../middleware/authorize.ts";
import { acceptedPeriod } from "../periods/rules.ts";
import { findDataQuality } from "./find.ts";
import { DataQualityQuery, DataQualityReport } from "./schema.ts";

const route = createRoute({
  method: "get",
  path: "/data-quality",
  tags: ["data quality"],
  summary: "Data-quality findings of a subtree for a quarter",
  description:
    "Communities without a return; handling-time outliers among sibling communities (|modified z| > 3.5); case volume " +
    "moving by more than half against the previous quarter; sources silent for more than `silentDays`; resolved cases " +
    "without a deadline. Sorted by severity, rule and unit code.",
  middleware: [authorize("dataQuality.read")] as const,
  request: { query: DataQualityQuery },
  responses: {
    200: jsonResponse(DataQualityReport, "The findings"),
    ...problems(401, 403, 404, 422),
  },
});

/** GET /data-quality: a thin handler over `findDataQuality`, which exports and reports reuse. */
export function dataQualityRoutes() {
  const app = newRouter();
  app.openapi(route, async (c) => {
    const { period, orgUnit, silentDays } = c.req.valid("query");
    const { db } = c.get("deps").store;
    const root = await scopedRoot(db, c.get("principal")!, orgUnit);
    const now = new Date();
    const findings = await findDataQuality(c.get("deps").engine, {
      period: acceptedPeriod(period, "query.period"),
      rootUnitId: root.id,
      silentDays,
      now,
    });
    return c.json(
      { period, orgUnit: root.code, silentDays, generatedAt: now.toISOString(), findings },
      200,
    );
  });
  return app;
}
