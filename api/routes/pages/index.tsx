import { Hono } from "hono";
import { ApiDocsPage } from "../../../web/pages/api-docs.tsx";
import { HomePage } from "../../../web/pages/home.tsx";
import { storeCounts } from "../../db/queries/stats.ts";
import type { AppEnv } from "../../env.ts";

const ASSET_TYPES: Record<string, string> = {
  "swagger-ui.css": "text/css; charset=utf-8",
  "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
};

/** Server-rendered pages: the landing page and the API reference. */
export function pageRoutes() {
  const app = new Hono<AppEnv>();
  app.get("/", async (c) => {
    const counts = await storeCounts(c.get("deps").store.db);
    return c.html(
      <HomePage
        view={{
          unitCount: counts.units,
          caseCount: counts.cases,
          demo: c.get("deps").config.SEED_DEMO,
        }}
      />,
    );
  });
  app.get("/api/v1/docs", (c) =>
    c.html(<ApiDocsPage specUrl="/api/v1/openapi.json" assetBase="/api/v1/docs/assets" />),
  );
  app.get("/docs", (c) => c.redirect("/api/v1/docs"));
  app.get("/api/v1/docs/assets/:name", async (c) => {
    const name = c.req.param("name");
    const type = ASSET_TYPES[name];
    const read = c.get("deps").readAsset;
    const bytes = type && read ? await read(name) : null;
    if (!bytes || !type) return c.notFound();
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      "content-type": type,
      "cache-control": "public, max-age=86400",
    });
  });
  return app;
}
