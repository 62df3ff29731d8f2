import type { Context } from "hono";
import type { ScriptFiles } from "../../web/pages/dashboard-model.ts";
import type { AppDeps, AppEnv } from "../env.ts";
import { problem, problemResponse } from "../errors.ts";
import { webAssetResponse } from "./web-asset.ts";

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
      workbench: manifest.workbench?.js?.file,
    };
  } catch {
    return {};
  }
}

/**
 * GET /dashboard/assets/:name: a built file (see `webAssetResponse`). Names carry a content
 * hash, so they are cached for a year.
 */
export async function serveWebAsset(c: Context<AppEnv>, name: string) {
  const read = c.get("deps").readWebAsset;
  const res =
    read && !name.endsWith(".json")
      ? await webAssetResponse(
          read,
          name,
          c.req.header("accept-encoding") ?? "",
          "public, max-age=31536000, immutable",
        )
      : null;
  // The app's notFound would answer 405 here (the route exists for GET), so answer 404 directly.
  return res ?? problemResponse(c, problem(404, `没有脚本文件 ${name}`));
}
