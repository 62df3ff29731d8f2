import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../env.ts";
import { problem, problemResponse } from "../errors.ts";

export interface ContentTypeOptions {
  /** Paths whose bodies are multipart uploads instead of JSON. */
  multipart: (path: string) => boolean;
}

/**
 * 415 for a body the route cannot read: JSON routes take `application/json` (or `+json`),
 * upload routes take `multipart/form-data`. Bodiless writes (logout, revoke) pass.
 */
export function requireContentType(options: ContentTypeOptions): MiddlewareHandler<AppEnv> {
  return async function contentTypeMiddleware(c, next) {
    const method = c.req.method;
    if (method !== "POST" && method !== "PUT" && method !== "PATCH") return next();
    const length = c.req.header("content-length");
    const chunked = c.req.header("transfer-encoding");
    if ((length === undefined || length === "0") && !chunked) return next();
    const type = (c.req.header("content-type") ?? "").toLowerCase();
    const path = new URL(c.req.url).pathname;
    const wantsMultipart = options.multipart(path);
    const ok = wantsMultipart
      ? type.startsWith("multipart/form-data")
      : /^application\/([a-z0-9.+-]*\+)?json\b/.test(type);
    if (ok) return next();
    const expected = wantsMultipart ? "multipart/form-data" : "application/json";
    return problemResponse(
      c,
      problem(415, `此接口只接受 ${expected}，收到的是 ${type || "（未注明类型）"}`),
      {
        accept: expected,
      },
    );
  };
}
