/**
 * Where to go after signing in: the `next` the sign-in page was given when it is a path of this
 * site, else `/`. One function for the server (the /login route's view model) and the browser
 * (the sign-in form), so both refuse the same things.
 */

/** Origin the check resolves against; any origin would do, `.invalid` can never be a real one. */
const BASE = "https://same-site.invalid";
/** Longer than any page path of ours; a longer `next` is refused rather than parsed. */
const MAX_LENGTH = 2048;
/** Percent-decoding rounds looked through (`%252F` → `%2F` → `/`); more is refused. */
const MAX_DECODES = 3;

/**
 * A path that a browser cannot read as another host: starts with one `/`, never `//` or `/\`
 * (browsers treat `\` as `/`), no backslash or control character anywhere (URL parsers drop tab
 * and newline, so `/\t/evil.example` becomes `//evil.example`).
 */
function isPlainPath(s: string): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it looks for
  return s.startsWith("/") && !s.startsWith("//") && !/[\\\u0000-\u001f\u007f]/.test(s);
}

/** The path a URL parser makes of `s` on this site (`/a/../b` → `/b`), or null for another origin. */
function resolve(s: string): URL | null {
  try {
    const url = new URL(s, BASE);
    return url.origin === BASE ? url : null;
  } catch {
    return null;
  }
}

/**
 * Whether `s` and each of its percent-decodings is a plain path that a URL parser keeps on this
 * site and does not turn into `//…` (`/.//host`, `/%2e%2e//host`): a server or proxy that decodes
 * once more must not find another host in it either.
 */
function staysLocal(s: string): boolean {
  let text = s;
  for (let round = 0; ; round++) {
    const url = resolve(text);
    if (!isPlainPath(text) || !url || !isPlainPath(url.pathname)) return false;
    let decoded: string;
    try {
      decoded = decodeURIComponent(text);
    } catch {
      return false; // malformed escapes: nothing a page of ours links to
    }
    if (decoded === text) return true;
    if (round === MAX_DECODES) return false;
    text = decoded;
  }
}

/**
 * `next` as a same-site path (normalised as a URL parser does: `/a/../b` → `/b`), or `/`.
 *
 * Refused: anything that is not a plain path (`https://…`, `//host`, `/\host`, `javascript:…`),
 * the same after percent-decoding (`/%2F/host`, `%5C`, `%09`, `%0A`, double encodings), and
 * paths that a URL parser turns into another origin or into `//…` (`/.//host`, `/%2e%2e//host`).
 * What it returns passes the same checks.
 *
 * @example safeNext("/dashboard/3101?period=2026Q3") // "/dashboard/3101?period=2026Q3"
 * @example safeNext("/\t/evil.example") // "/"
 */
export function safeNext(next: string | null | undefined): string {
  if (typeof next !== "string" || next.length > MAX_LENGTH || !staysLocal(next)) return "/";
  const url = resolve(next);
  const path = url ? url.pathname + url.search + url.hash : "/";
  return staysLocal(path) ? path : "/";
}
