import type { Hono } from "hono";
import type { AppDeps, AppEnv } from "../../env.ts";

const TYPES: Record<string, string> = {
  js: "text/javascript; charset=utf-8",
  css: "text/css; charset=utf-8",
  json: "application/json; charset=utf-8",
};

interface ManifestEntry {
  js: { file: string };
  css: { file: string } | null;
}

type Reader = NonNullable<AppDeps["readWebAsset"]>;
/** The manifest per asset reader (one per app), re-read every 10 s so a rebuild is picked up. */
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
 * GET /assets/web/{file}: the built bundles, sent precompressed (brotli or gzip, made at build
 * time) to clients that accept it, and cached for a year: names carry a content hash.
 */
export function registerAssets(app: Hono<AppEnv>) {
  app.get("/assets/web/:name", async (c) => {
    const name = c.req.param("name");
    const ext = /\.(js|css|json)$/.exec(name)?.[1];
    const read = c.get("deps").readWebAsset;
    if (!ext || !read || !/^[\w.-]+$/.test(name)) return c.notFound();
    const accepts = (c.req.header("accept-encoding") ?? "").toLowerCase();
    const headers: Record<string, string> = {
      "content-type": TYPES[ext]!,
      "cache-control": ext === "json" ? "no-cache" : "public, max-age=31536000, immutable",
      vary: "accept-encoding",
    };
    for (const [enc, suffix] of [
      ["br", ".br"],
      ["gzip", ".gz"],
    ] as const) {
      if (!accepts.includes(enc)) continue;
      const bytes = await read(name + suffix);
      if (bytes) {
        return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
          ...headers,
          "content-encoding": enc,
        });
      }
    }
    const bytes = await read(name);
    if (!bytes) return c.notFound();
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, headers);
  });
}
