/** Opaque random secrets and their at-rest hashes (WebCrypto: works in Node and Workers). */

function toBase64Url(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** A new secret with a readable prefix (`s369_` sessions, `k369_` API keys), 256 bits of entropy. */
export function newSecret(prefix: "s369_" | "k369_"): string {
  const bytes = new Uint8Array(32);
  crypto.getRandomValues(bytes);
  return prefix + toBase64Url(bytes);
}

/**
 * SHA-256 hex of a secret. Secrets are 256-bit random, so a fast hash is enough at rest
 * (unlike passwords, which use bcrypt): nobody can brute-force the pre-image.
 */
export async function hashSecret(secret: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(secret));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}
