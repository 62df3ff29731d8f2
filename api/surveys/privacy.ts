/**
 * Respondents stay anonymous: no IP address or device id is stored, only a salted hash of the
 * two (to spot floods and duplicates), and phone and ID-card numbers typed into comments are
 * masked before anything is written.
 */

// An 18-character resident ID (17 digits and a digit or X), not inside a longer run of digits
// or letters: keep the first 6 (region) and last 4, mask the 8 in between (birth date).
const ID_NUMBER = /(?<![0-9A-Za-z])(\d{6})(\d{8})(\d{3}[\dXx])(?![0-9A-Za-z])/g;
// A mainland mobile number 1[3-9]xxxxxxxxx, optionally +86 in front and spaces or dashes
// between the 3-4-4 groups: keep the first 3 and the last 4 digits.
const MOBILE = /(?<!\d)((?:\+?86[\s-]?)?1[3-9]\d)[\s-]?(\d{4})[\s-]?(\d{4})(?!\d)/g;

/**
 * Masks mainland mobile numbers (`13812345678` → `138****5678`) and resident ID numbers
 * (`110101199003071234` → `110101********1234`) in free text. ID numbers go first: their
 * middle digits could otherwise be read as a phone number.
 *
 * @example
 * ```ts
 * maskPersonalNumbers("电话13812345678"); // "电话138****5678"
 * ```
 */
export function maskPersonalNumbers(text: string): string {
  return text
    .replace(
      ID_NUMBER,
      (_m, head: string, mid: string, tail: string) => `${head}${"*".repeat(mid.length)}${tail}`,
    )
    .replace(MOBILE, (_m, head: string, _mid: string, tail: string) => `${head}****${tail}`);
}

/** Stays a module cache (issue 17): memoises the key derived from a salt, a pure function of its input. */
const keys = new Map<string, Promise<CryptoKey>>();

type NodeHmac = (salt: string, data: string) => string;
/**
 * Node's synchronous HMAC when the runtime has it (Node, Workers with nodejs_compat): several
 * times cheaper per call than WebCrypto's, which hops to a thread pool for each signature.
 */
const nodeHmac: NodeHmac | null = (() => {
  const get = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process
    ?.getBuiltinModule;
  const mod = get?.("node:crypto") as
    | { createHmac(alg: string, key: string): { update(d: string): { digest(e: "hex"): string } } }
    | undefined;
  return mod ? (salt, data) => mod.createHmac("sha256", salt).update(data).digest("hex") : null;
})();

/**
 * HMAC-SHA-256 (hex) of the client's address and user agent under the instance's salt. Without
 * the salt the hash cannot be reversed by trying all IPv4 addresses; with a per-process random
 * salt (the default) it cannot be linked across restarts either.
 */
export async function clientHash(salt: string, ip: string | null, userAgent: string | null) {
  const data = `${ip ?? ""}\n${userAgent ?? ""}`;
  if (nodeHmac) return nodeHmac(salt, data);
  let key = keys.get(salt);
  if (!key) {
    key = crypto.subtle.importKey(
      "raw",
      new TextEncoder().encode(salt),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign"],
    );
    keys.set(salt, key);
  }
  const mac = await crypto.subtle.sign("HMAC", await key, new TextEncoder().encode(data));
  return Array.from(new Uint8Array(mac), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** A random salt for instances that configure none (SURVEY_HASH_SALT). */
export function randomSalt(): string {
  const bytes = new Uint8Array(32);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
