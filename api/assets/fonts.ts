/**
 * GET /fonts/{file}: the shipped CJK font (shapes/fonts.ts) for pages and report HTML:
 * the two stylesheets and their subset files, copied into dist/web by scripts/build-web.ts and
 * read like the other built files (Node: the folder; Workers: the assets binding). Font files
 * carry the package version in their names and are cached for a year; the stylesheets for an hour.
 */
import { Hono } from "hono";
import type { AppEnv } from "../env.ts";
import { problem, problemResponse } from "../errors.ts";
import { webAssetResponse } from "./web-asset.ts";

export function fontRoutes() {
  const app = new Hono<AppEnv>();
  app.get("/fonts/:name", async (c) => {
    const name = c.req.param("name");
    const read = c.get("deps").readWebAsset;
    const isFont = /\.woff2?$/.test(name);
    const res =
      read && (isFont || /^noto-sans-sc[\w.-]*\.css$/.test(name))
        ? await webAssetResponse(
            read,
            name,
            c.req.header("accept-encoding") ?? "",
            isFont ? "public, max-age=31536000, immutable" : "public, max-age=3600",
          )
        : null;
    // The app's notFound would answer 405 (the route exists for GET): answer 404 directly.
    return res ?? problemResponse(c, problem(404, `没有字体文件“${name}”`));
  });
  return app;
}
