/**
 * The site's icon: "369" in white on the brand red. GET /favicon.svg for the pages'
 * `<link rel="icon">` (web/components/layout.tsx), GET /favicon.ico (a 32 × 32 PNG in an ICO) for
 * browsers that ask for it on their own, e.g. beside a JSON answer or the API reference.
 */
import { Hono } from "hono";
import type { AppEnv } from "../env.ts";

export const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">\
<rect width="32" height="32" rx="6" fill="#b42318"/>\
<text x="16" y="22" font-family="Arial,Helvetica,sans-serif" font-size="14" font-weight="700" \
text-anchor="middle" fill="#fff">369</text></svg>`;

/** The same icon as pixels: a 32 × 32 PNG of the digits (3 × 5 pixel font) in an ICO, 174 bytes. */
const FAVICON_ICO_BASE64 =
  "AAABAAEAICAAAAEAIACYAAAAFgAAAIlQTkcNChoKAAAADUlIRFIAAAAgAAAAIAgGAAAAc3p69AAAAF9JREFUeNpjYMACtihL/KcFZsAHaGUpUY6ht+UYjhjZDhgoy+GOGHUAugAuQAs1ow4gKg3gM5wUfaMOGE2EwzsXkJMmRh0wmgiHTi4YbRENfweM9gsGhQMGvHM6kN1zAFpLGtQhSyGYAAAAAElFTkSuQmCC";

export const FAVICON_ICO: Uint8Array = Uint8Array.from(atob(FAVICON_ICO_BASE64), (ch) =>
  ch.charCodeAt(0),
);

const CACHE = "public, max-age=86400";

export function faviconRoutes() {
  const app = new Hono<AppEnv>();
  app.get("/favicon.svg", (c) =>
    c.body(FAVICON_SVG, 200, {
      "content-type": "image/svg+xml; charset=utf-8",
      "cache-control": CACHE,
    }),
  );
  app.get("/favicon.ico", (c) =>
    c.body(FAVICON_ICO as Uint8Array<ArrayBuffer>, 200, {
      "content-type": "image/x-icon",
      "cache-control": CACHE,
    }),
  );
  return app;
}
