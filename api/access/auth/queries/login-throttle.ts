import { type Kysely, sql, type Transaction } from "kysely";
import type { DB } from "../../../db/database.ts";

type Db = Kysely<DB> | Transaction<DB>;

/**
 * Reserves one password check of account `userId` from `client`, before the password is looked
 * at: true when the check may run, false when this (account, client) pair is locked.
 *
 * The pair's counter goes up in one upsert, which PostgreSQL serialises on the row, so of any
 * number of concurrent attempts exactly `maxFailures` get a check; the reservation that reaches
 * `maxFailures` starts the lock of `lockSeconds`, and a sign-in that succeeds clears it
 * (`clearLoginFailures`). A lock that has run out, or failures older than `lockSeconds`, start a
 * new count.
 */
export async function reserveLoginAttempt(
  db: Db,
  userId: number,
  client: string,
  maxFailures: number,
  lockSeconds: number,
): Promise<boolean> {
  const lock = sql`now() + make_interval(secs => ${lockSeconds})`;
  const stale = sql`(t.locked_until <= now()
    or (t.locked_until is null and t.updated_at < now() - make_interval(secs => ${lockSeconds})))`;
  const row = await sql<{ failures: number }>`
    insert into login_throttle as t (user_id, client, failures, locked_until)
    values (${userId}, ${client}, 1, case when ${maxFailures} <= 1 then ${lock} end)
    on conflict (user_id, client) do update set
      failures = case when ${stale} then 1 else least(t.failures + 1, ${maxFailures} + 1) end,
      locked_until = case
        when ${stale} then null
        when t.locked_until is null and t.failures + 1 >= ${maxFailures} then ${lock}
        else t.locked_until end,
      updated_at = now()
    returning failures`.execute(db);
  return (row.rows[0]?.failures ?? Number.POSITIVE_INFINITY) <= maxFailures;
}

/**
 * A successful sign-in from `client` clears that pair's count; pairs untouched for a day go too
 * (they hold nothing a new count would not).
 */
export async function clearLoginFailures(db: Db, userId: number, client: string): Promise<void> {
  await db
    .deleteFrom("login_throttle")
    .where((eb) =>
      eb.or([
        eb.and([eb("user_id", "=", userId), eb("client", "=", client)]),
        eb("updated_at", "<", sql<Date>`now() - interval '1 day'`),
      ]),
    )
    .execute();
}

/** Unlocks an account from every address (an administrator set a new password). */
export async function clearAccountLocks(db: Db, userId: number): Promise<void> {
  await db.deleteFrom("login_throttle").where("user_id", "=", userId).execute();
}
