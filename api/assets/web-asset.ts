/**
 * One built browser file (scripts/build-web.ts → dist/web) as an HTTP response: precompressed
 * (brotli or gzip, made at build time) for clients that accept it, else as built. Used by the
 * dashboard's and the survey pages' asset routes, on Node and on Workers.
 */
import type { AppDeps } from "../env.ts";

const TYPES: Record<string, string> = {
  js: "text/javascript; charset=utf-8",
  css: "text/css; charset=utf-8",
  json: "application/json; charset=utf-8",
  woff2: "font/woff2",
  woff: "font/woff",
};

type Reader = NonNullable<AppDeps["readWebAsset"]>;

/** Flat file names only (no folders, no dot files): nothing outside the asset folder is reached. */
export function isAssetName(name: string): boolean {
  return /^[\w.-]+$/.test(name) && !name.startsWith(".");
}

/**
 * The response for file `name`, or null when there is no such file (or the name is not a flat
 * file name of a served type). `encodeBody: "manual"` tells Workers the body is already encoded
 * as Content-Encoding says; without it they would compress the brotli bytes once more (Node's
 * Response ignores the option).
 */
export async function webAssetResponse(
  read: Reader,
  name: string,
  acceptEncoding: string,
  cacheControl: string,
): Promise<Response | null> {
  const type = TYPES[/\.(js|css|json|woff2|woff)$/.exec(name)?.[1] ?? ""];
  if (!type || !isAssetName(name)) return null;
  const headers: Record<string, string> = {
    "content-type": type,
    "cache-control": cacheControl,
    vary: "accept-encoding",
  };
  // Font files are compressed in themselves; no .br or .gz copy is made of them.
  const accepts = /\.woff2?$/.test(name) ? "" : acceptEncoding.toLowerCase();
  for (const [encoding, suffix] of [
    ["br", ".br"],
    ["gzip", ".gz"],
  ] as const) {
    if (!accepts.includes(encoding)) continue;
    const packed = await read(name + suffix);
    if (packed) return respond(packed, { ...headers, "content-encoding": encoding });
  }
  const bytes = await read(name);
  return bytes ? respond(bytes, headers) : null;
}

function respond(bytes: Uint8Array, headers: Record<string, string>): Response {
  const init = { status: 200, headers, encodeBody: "manual" } as ResponseInit;
  return new Response(bytes as Uint8Array<ArrayBuffer>, init);
}
