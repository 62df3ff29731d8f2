import { createRoute, z } from "@hono/zod-openapi";
import { sql } from "kysely";
import { problem, problemResponse } from "../errors.ts";
import { jsonResponse, newRouter, problems } from "./router.ts";

const route = createRoute({
  method: "get",
  path: "/healthz",
  tags: ["health"],
  summary: "Liveness: ok when the database answers",
  responses: {
    200: jsonResponse(z.object({ status: z.literal("ok") }), "Healthy"),
    ...problems(503),
  },
});

export function healthRoutes() {
  const app = newRouter();
  app.openapi(route, async (c) => {
    try {
      await sql`select 1`.execute(c.get("deps").store.db);
    } catch (err) {
      c.get("deps").logger.error({ err }, "health check failed");
      // biome-ignore lint/suspicious/noExplicitAny: the 503 problem body is outside the route's 200 schema
      return problemResponse(c, problem(503, "数据库无响应")) as any;
    }
    return c.json({ status: "ok" as const }, 200);
  });
  return app;
}
