/**
 * Signing in: the password check under the per-(account, address) lockout, and a new session.
 *
 * Five failed sign-ins of one account from one client address lock that address out of that
 * account for fifteen minutes. Per (account, address), not per account: a stranger who types
 * wrong passwords for `admin` locks only their own address out, never the administrator at their
 * desk. Guessing from many addresses is bounded per address (five per fifteen minutes each).
 */
import bcrypt from "bcryptjs";
import type { Kysely } from "kysely";
import type { DB } from "../../db/database.ts";
import { hashSecret, newSecret } from "../tokens.ts";
import { findLoginUser, getUser, type UserRow } from "../users/queries.ts";
import { clearLoginFailures, reserveLoginAttempt } from "./queries/login-throttle.ts";
import { insertSession } from "./queries/sessions.ts";

export const MAX_FAILURES = 5;
export const LOCK_SECONDS = 15 * 60;
/** A hash to compare against when no real check runs, so timing does not tell why. Cost 10, as users'. */
const DUMMY_HASH = "$2b$10$Kdp.1Rj8JMGAmtKoygSfTeuT4kezJtTZQdjPJDQtoUh8K8Rp0KvDe";

export interface SignInRequest {
  username: string;
  password: string;
  /** The client's address as the runtime sees it (null: unknown). */
  ip: string | null;
  userAgent: string | null;
  sessionTtlHours: number;
  /** Compares a password with a stored hash (`AppDeps.verifyPassword`); absent: bcrypt. */
  verify?: ((password: string, hash: string) => Promise<boolean>) | undefined;
}

export type SignInOutcome =
  | { ok: true; token: string; expiresAt: Date; user: UserRow }
  | { ok: false; locked: boolean };

/**
 * Checks a sign-in and, when it passes, opens a session. Every answer costs one bcrypt
 * comparison (unknown users and locked accounts against a dummy hash), so timing does not tell a
 * refusal's reason; a refusal says only whether the address is locked out of the account.
 */
export async function signIn(db: Kysely<DB>, r: SignInRequest): Promise<SignInOutcome> {
  const verify = r.verify ?? bcrypt.compare;
  const user = await findLoginUser(db, r.username);
  const client = r.ip ?? "unknown";
  // The attempt is counted before the password is looked at, so concurrent guesses cannot all
  // be checked before the lock (queries/login-throttle.ts).
  const allowed =
    user !== undefined &&
    (await reserveLoginAttempt(db, user.id, client, MAX_FAILURES, LOCK_SECONDS));
  const ok = await verify(r.password, user && allowed ? user.passwordHash : DUMMY_HASH);
  if (!user || !allowed || !ok || user.disabled) {
    return { ok: false, locked: user !== undefined && !allowed };
  }
  await clearLoginFailures(db, user.id, client);
  const token = newSecret("s369_");
  const expiresAt = new Date(Date.now() + r.sessionTtlHours * 3600_000);
  await insertSession(db, {
    tokenHash: await hashSecret(token),
    userId: user.id,
    expiresAt,
    ip: r.ip,
    userAgent: r.userAgent,
  });
  return { ok: true, token, expiresAt, user: (await getUser(db, user.id))! };
}
