/**
 * Cross-site protection of the public form's plain POST (no session, no cookie):
 *
 * 1. Same origin: a browser names the page that sent a form (`Origin`, and `Sec-Fetch-Site` in
 *    current browsers); a POST that another site made a resident's browser send is refused, so
 *    a page elsewhere cannot stuff responses through its visitors' addresses.
 * 2. A per-form token: the page carries a signed token (HMAC-SHA-256 with the runtime's hash
 *    salt) over the survey, its version, the unit, the response id and the time it was served.
 *    Old browsers that send neither header still need a form this server handed out, for this
 *    unit, within the last week; the response id in it makes a double tap or a reload of the
 *    POST store one response, not two.
 *
 * The JSON endpoint needs neither: a cross-site page cannot send `application/json` without a
 * CORS preflight, which this app never grants.
 */

/** A form left open this long (a week, as the offline queue) must be reloaded before it posts. */
const MAX_AGE_MS = 7 * 86_400_000;
const MAX_SKEW_MS = 5 * 60_000;

export interface FormStamp {
  surveyId: string;
  version: number;
  unit: string;
  id: string;
}

const enc = new TextEncoder();

async function sign(salt: string, stamp: FormStamp, at: number): Promise<string> {
  const key = await crypto.subtle.importKey(
    "raw",
    enc.encode(`survey-form:${salt}`),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const text = [stamp.surveyId, stamp.version, stamp.unit, stamp.id, at].join("|");
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, enc.encode(text)));
  return Array.from(mac, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** The token of a freshly served form: `<served at ms>.<hex HMAC>`. */
export async function formToken(salt: string, stamp: FormStamp, now = Date.now()): Promise<string> {
  return `${now}.${await sign(salt, stamp, now)}`;
}

/** "ok", or why the token is refused ("expired" is a genuine but stale form). */
export async function checkFormToken(
  salt: string,
  stamp: FormStamp,
  token: string,
  now = Date.now(),
): Promise<"ok" | "expired" | "forged"> {
  const m = /^(\d{1,16})\.([0-9a-f]{64})$/.exec(token);
  if (!m) return "forged";
  const at = Number(m[1]);
  const expected = await sign(salt, stamp, at);
  // Constant-time enough: both are 64 hex characters; compare every one.
  let diff = 0;
  for (let i = 0; i < 64; i++) diff |= expected.charCodeAt(i) ^ m[2]!.charCodeAt(i);
  if (diff !== 0) return "forged";
  return at > now + MAX_SKEW_MS || now - at > MAX_AGE_MS ? "expired" : "ok";
}

/**
 * False when the browser says another site sent this request. `Origin: null` says nothing (the
 * pages' `Referrer-Policy: no-referrer` makes a browser send it with its own POSTs), so then
 * `Sec-Fetch-Site` decides.
 */
export function sameOrigin(
  headers: { origin?: string | undefined; site?: string | undefined },
  own: string,
): boolean {
  const origin = headers.origin;
  if (origin !== undefined && origin !== "" && origin !== "null") return origin === own;
  if (headers.site !== undefined) return headers.site === "same-origin" || headers.site === "none";
  return true; // neither header (an old browser): the token alone decides
}
