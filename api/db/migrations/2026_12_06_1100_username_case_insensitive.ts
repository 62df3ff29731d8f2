import { type Kysely, sql } from "kysely";

// Usernames are unique regardless of case (issue 16): "Admin" next to "admin" would let one
// person pose as another in the audit log and the user list, and sign-in by name is
// case-insensitive from now on, so the name must say which account is meant.
//
// A database may already hold names that differ only in case. The oldest account of each such
// group keeps its name; every later one is renamed to `<name>.<id>` (cut to the 64 characters
// usernames have), so the index can be built and no account is lost: an administrator sees the
// new names in the user list and tells their owners. The exact-case unique constraint stays (the
// new index implies it).

// biome-ignore lint/suspicious/noExplicitAny: migrations run against any schema version
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    update app_user u
    set username = left(u.username, 63 - length(u.id::text)) || '.' || u.id
    where exists (
      select 1 from app_user older
      where lower(older.username) = lower(u.username) and older.id < u.id
    )`.execute(db);
  await sql`create unique index app_user_username_lower_key on app_user (lower(username))`.execute(
    db,
  );
}

// biome-ignore lint/suspicious/noExplicitAny: migrations run against any schema version
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists app_user_username_lower_key`.execute(db);
}
