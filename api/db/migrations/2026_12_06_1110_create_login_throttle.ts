import { type Kysely, sql } from "kysely";

// Sign-in failures are counted per (account, client address) instead of per account: five wrong
// passwords from one address lock that address out of that account only, so nobody can lock
// `admin` out from one machine. The counter is reserved before the password is checked (see
// access/auth/queries/login-throttle.ts), so concurrent attempts cannot all slip past it. The account-wide
// columns it replaces are dropped.

// biome-ignore lint/suspicious/noExplicitAny: migrations run against any schema version
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table login_throttle (
      user_id integer not null references app_user(id) on delete cascade,
      client text not null,
      failures integer not null,
      locked_until timestamptz,
      updated_at timestamptz not null default now(),
      primary key (user_id, client)
    )`.execute(db);
  await sql`alter table app_user drop column failed_logins, drop column locked_until`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations run against any schema version
export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    alter table app_user
      add column failed_logins integer not null default 0,
      add column locked_until timestamptz`.execute(db);
  await sql`drop table login_throttle`.execute(db);
}
