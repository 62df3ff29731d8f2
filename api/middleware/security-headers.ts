import type { Context, MiddlewareHandler } from "hono";
import { NONCE, secureHeaders } from "hono/secure-headers";
import type { AppEnv } from "../env.ts";

/**
 * The Content-Security-Policy every response carries (pages, the report HTML, Swagger UI; on
 * JSON it costs nothing and covers a response a browser is tricked into rendering):
 *
 * - `script-src 'self' 'nonce-…'`: scripts only from this site's own files, plus the few inline
 *   scripts a page marks with this response's nonce (`cspNonce`); no inline event handler, no
 *   `javascript:` URL, no eval. An injected `<script>` has no nonce and does not run.
 * - `style-src 'self' 'unsafe-inline'`: the pages' `<style>` elements and `style` attributes.
 *   Style attributes are written by our own markup (report colour chips and column widths, the
 *   sign-in heading) and, in the browser, by ECharts and SurveyJS. A nonce cannot cover an
 *   attribute, and browsers ignore 'unsafe-inline' once a nonce or hash is listed, so the
 *   directive stays nonce-free; `style-src-attr` would separate the two but older
 *   Chromium-based browsers on government desktops do not know it. Style cannot run script, and
 *   every text that reaches a page is escaped or refused (survey definitions carry no markup).
 * - `img-src 'self' data:`: the QR codes' and Swagger UI's inline images.
 * - `object-src 'none'`, `base-uri 'self'`, `form-action 'self'`, `frame-ancestors 'none'`
 *   (no page of ours is framed; X-Frame-Options says the same to older browsers).
 */
export function securityHeaders(): MiddlewareHandler<AppEnv> {
  const headers = secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'", NONCE],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", "data:"],
      fontSrc: ["'self'", "data:"],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    xFrameOptions: "DENY",
    crossOriginEmbedderPolicy: false,
  });
  return async function securityHeadersMiddleware(c, next) {
    await headers(c, next);
  };
}

/** This response's script nonce, for the inline scripts a page needs (`<script nonce=…>`). */
export function cspNonce(c: Context<AppEnv>): string {
  const nonce = c.get("secureHeadersNonce");
  if (!nonce) throw new Error("cspNonce: the securityHeaders middleware has not run");
  return nonce;
}
