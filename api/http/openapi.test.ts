import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDeps } from "../../test/deps.ts";
import { call } from "../../test/http.ts";
import { openTestEnv, type TestEnv } from "../../test/stores.ts";
import { createApp } from "../app.ts";
import { loadConfig } from "../config.ts";
import { createLogger } from "../logger.ts";

describe("OpenAPI document", () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await openTestEnv("pglite");
  });
  afterAll(async () => env?.close());

  it("is OpenAPI 3.1 and lists every API endpoint the app serves", async () => {
    const res = await call(env.baseUrl, "GET", "/api/v1/openapi.json");
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe("3.1.0");
    const documented = new Set<string>();
    for (const [path, ops] of Object.entries(
      res.body.paths as Record<string, Record<string, unknown>>,
    )) {
      for (const method of Object.keys(ops))
        documented.add(`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ":$1")}`);
    }
    const app = createApp(
      testDeps({
        store: env.store,
        config: loadConfig({ LOG_LEVEL: "silent" }),
        logger: createLogger("silent"),
      }),
    );
    const served = app.routes
      .filter(
        (r) =>
          r.method !== "ALL" &&
          (r.path.startsWith("/api/v1/") || r.path === "/healthz") &&
          !r.path.startsWith("/api/v1/docs") &&
          r.path !== "/api/v1/openapi.json",
      )
      .map((r) => `${r.method} ${r.path}`);
    expect(served.length).toBeGreaterThan(8);
    for (const route of served) expect(documented, route).toContain(route);
    expect(documented).toContain("GET /healthz");
    expect(res.body.components.securitySchemes.bearer).toMatchObject({
      type: "http",
      scheme: "bearer",
    });
  });

  it("serves a docs page", async () => {
    const res = await call(env.baseUrl, "GET", "/api/v1/docs");
    expect(res.status).toBe(200);
    expect(res.text).toContain("swagger-ui");
    expect(res.text).toContain("/api/v1/openapi.json");
  });
});
