import { Hono } from "hono";
import { ApiDocsPage } from "../../web/pages/api-docs.tsx";
import type { AppEnv } from "../env.ts";
import { cspNonce } from "../middleware/security-headers.ts";

const ASSET_TYPES: Record<string, string> = {
  "swagger-ui.css": "text/css; charset=utf-8",
  "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
};

/** Server-rendered pages: the landing redirect and the API reference. */
export function pageRoutes() {
  const app = new Hono<AppEnv>();
  // The landing page is the dashboard (issue 7), or the sign-in page for anonymous visitors.
  app.get("/", (c) => c.redirect(c.get("principal") ? "/dashboard" : "/login", 302));
  app.get("/api/v1/docs", (c) =>
    c.html(
      <ApiDocsPage
        specUrl="/api/v1/openapi.json"
        assetBase="/api/v1/docs/assets"
        nonce={cspNonce(c)}
      />,
    ),
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
