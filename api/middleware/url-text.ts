import type { MiddlewareHandler } from "hono";
import { routePath } from "hono/route";
import type { AppEnv } from "../env.ts";
import type { FieldError } from "../errors.ts";
import { problem, problemResponse } from "../errors.ts";
import { textFault } from "../http/input-rules.ts";

/** Percent-decoding as hono does it for params and queries: undecodable text stays as sent. */
function decoded(text: string, plusIsSpace: boolean): string {
  const t = plusIsSpace ? text.replace(/\+/g, " ") : text;
  if (!t.includes("%")) return t;
  try {
    return decodeURIComponent(t);
  } catch {
    return t;
  }
}

/** A name as a path segment of an error: what broke the rule shown as U+FFFD. */
const shown = (s: string) => s.replaceAll("\u0000", "\ufffd");

/**
 * The first NUL in the URL: a path segment (named after the route's parameter, `param.code`,
 * when it is one) or a query parameter (`query.actor`). Percent-decoding cannot make a lone
 * surrogate (invalid UTF-8 stays undecoded), so NUL is the one text rule a URL can break.
 */
function nulInUrl(url: string, template: string): FieldError | null {
  const q = url.indexOf("?");
  const pathname = new URL(url).pathname;
  const names = template.split("/");
  const segments = pathname.split("/");
  for (let i = 0; i < segments.length; i++) {
    const fault = textFault(decoded(segments[i]!, false));
    if (fault) {
      const name = names[i]?.startsWith(":") ? names[i]!.slice(1).replace(/[{?].*$/, "") : null;
      return { path: name ? `param.${name}` : "path", message: fault };
    }
  }
  if (q < 0) return null;
  for (const pair of url
    .slice(q + 1)
    .split("#")[0]!
    .split("&")) {
    const eq = pair.indexOf("=");
    const key = decoded(eq < 0 ? pair : pair.slice(0, eq), true);
    const value = eq < 0 ? "" : decoded(pair.slice(eq + 1), true);
    const fault = textFault(key) ?? textFault(value);
    if (fault) return { path: `query.${shown(key)}`, message: fault };
  }
  return null;
}

/**
 * 400 for a URL whose path or query carries a NUL (`%00`): no code, period or name holds one,
 * and PostgreSQL cannot take it as text. One check for every route, pages included, before
 * any of them reads a parameter. (Bodies are checked by the routers: http/router.ts.)
 */
export function urlText(): MiddlewareHandler<AppEnv> {
  return async function urlTextMiddleware(c, next) {
    const url = c.req.url;
    if (!url.includes("%")) return next();
    const fault = nulInUrl(url, routePath(c, -1));
    if (!fault) return next();
    return problemResponse(c, problem(400, "请求地址中有无法接受的字符", [fault]));
  };
}
