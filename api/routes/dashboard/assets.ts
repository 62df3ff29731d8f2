import type { Context } from "hono";
import type { ScriptFiles } from "../../../web/pages/dashboard-model.ts";
import type { AppDeps, AppEnv } from "../../env.ts";
import { problem, problemResponse } from "../../errors.ts";

const TYPES: Record<string, string> = {
  js: "text/javascript; charset=utf-8",
  css: "text/css; charset=utf-8",
  json: "application/json; charset=utf-8",
};

/**
 * The dashboard's built bundles by entry (`dashboard`, `charts`), from dist/web/manifest.json
 * (scripts/build-web.ts). Read per request: a few hundred bytes, and a rebuild is seen at once.
 * Empty when nothing was built: pages then render without scripts (no charts, no sorting).
 */
export async function webScripts(deps: AppDeps): Promise<ScriptFiles> {
  const bytes = await deps.readWebAsset?.("manifest.json");
  if (!bytes) return {};
  try {
    const manifest = JSON.parse(new TextDecoder().decode(bytes)) as Record<
      string,
      { js?: { file?: string } }
    >;
    return {
      dashboard: manifest.dashboard?.js?.file,
      charts: manifest.charts?.js?.file,
    };
  } catch {
    return {};
  }
}

/**
 * GET /dashboard/assets/:name: a built file, precompressed (brotli or gzip) when the client takes
 * it. Names carry a content hash, so they are cached for a year.
 */
export async function serveWebAsset(c: Context<AppEnv>, name: string) {
  const ext = name.split(".").pop() ?? "";
  const type = TYPES[ext];
  const read = c.get("deps").readWebAsset;
  // The app's notFound would answer 405 here (the route exists for GET), so answer 404 directly.
  const missing = () => problemResponse(c, problem(404, `No bundle '${name}'`));
  if (!type || !read || ext === "json" || !/^[\w.-]+$/.test(name)) return missing();
  const accept = c.req.header("accept-encoding") ?? "";
  const headers: Record<string, string> = {
    "content-type": type,
    "cache-control": "public, max-age=31536000, immutable",
    vary: "accept-encoding",
  };
  for (const [encoding, suffix] of [
    ["br", ".br"],
    ["gzip", ".gz"],
  ] as const) {
    if (!accept.includes(encoding)) continue;
    const packed = await read(name + suffix);
    if (packed) {
      return c.body(packed as Uint8Array<ArrayBuffer>, 200, {
        ...headers,
        "content-encoding": encoding,
      });
    }
  }
  const bytes = await read(name);
  if (!bytes) return missing();
  return c.body(bytes as Uint8Array<ArrayBuffer>, 200, headers);
}
