import type { Hono } from "hono";
import type { AppDeps, AppEnv } from "../env.ts";
import { webAssetResponse } from "./web-asset.ts";

interface ManifestEntry {
  js: { file: string };
  css: { file: string } | null;
}

type Reader = NonNullable<AppDeps["readWebAsset"]>;
/**
 * The manifest per asset reader (one per app), re-read every 10 s so a rebuild is picked up.
 * Stays a module cache (issue 17): keyed by the app's own reader (a dependency), it memoises a file.
 */
const manifests = new WeakMap<Reader, { at: number; manifest: Record<string, ManifestEntry> }>();

/** The built files of a bundle entry (scripts/build-web.ts), or null when none is built. */
export async function webEntry(
  deps: AppDeps,
  name: string,
): Promise<{ js: string; css: string | null } | null> {
  const read = deps.readWebAsset;
  if (!read) return null;
  let cached = manifests.get(read);
  if (!cached || Date.now() - cached.at > 10_000) {
    const bytes = await read("manifest.json");
    if (!bytes) return null;
    cached = { at: Date.now(), manifest: JSON.parse(new TextDecoder().decode(bytes)) };
    manifests.set(read, cached);
  }
  const entry = cached.manifest[name];
  return entry ? { js: entry.js.file, css: entry.css?.file ?? null } : null;
}

/**
 * GET /assets/web/{file}: the built bundles (see `webAssetResponse`), cached for a year (names
 * carry a content hash); the manifest is not cached.
 */
export function registerAssets(app: Hono<AppEnv>) {
  app.get("/assets/web/:name", async (c) => {
    const name = c.req.param("name");
    const read = c.get("deps").readWebAsset;
    const res = read
      ? await webAssetResponse(
          read,
          name,
          c.req.header("accept-encoding") ?? "",
          name.endsWith(".json") ? "no-cache" : "public, max-age=31536000, immutable",
        )
      : null;
    return res ?? c.notFound();
  });
}
