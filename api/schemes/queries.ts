import { type Kysely, sql, type Transaction } from "kysely";
import type { DB } from "../db/database.ts";

type Db = Kysely<DB> | Transaction<DB>;

/** One stored scheme version; `definition` is the JSON a `SchemeDefinition` was written as. */
export interface SchemeRow {
  id: string;
  version: number;
  validFromYear: number;
  name: string;
  definition: unknown;
  createdBy: string | null;
  createdAt: Date;
}

function schemeQuery(db: Db) {
  return db
    .selectFrom("scheme")
    .select([
      "id",
      "version",
      "valid_from_year as validFromYear",
      "name",
      "definition",
      "created_by as createdBy",
      "created_at as createdAt",
    ]);
}

/** Every version of every scheme (or of scheme `id`), ordered by id then version. A few rows. */
export async function listSchemeVersions(db: Db, id?: string): Promise<SchemeRow[]> {
  let q = schemeQuery(db);
  if (id !== undefined) q = q.where("id", "=", id);
  const rows = await q.orderBy("id").orderBy("version").execute();
  return rows.map((r) => ({ ...r, definition: parseJson(r.definition) }));
}

// jsonb arrives parsed from pg and PGlite alike; a string would mean a text column or a driver change.
function parseJson(v: unknown): unknown {
  return typeof v === "string" ? JSON.parse(v) : v;
}

/**
 * The transaction lock under which versions are numbered and checked against closed years; a
 * quarter's close takes it too (api/periods/close.ts). Run inside a transaction.
 */
export async function lockSchemes(trx: Transaction<DB>): Promise<void> {
  await sql`select pg_advisory_xact_lock(369002)`.execute(trx);
}

export interface NewSchemeVersion {
  id: string;
  validFromYear: number;
  name: string;
  definition: unknown;
  createdBy: string | null;
}

/**
 * Inserts the next version of scheme `id` (1 for a new id) and returns its number. Versions are
 * numbered under a transaction-scoped advisory lock, so two admins saving at once get 2 and 3
 * instead of one of them failing on the primary key. Run inside a transaction.
 */
export async function insertSchemeVersion(
  trx: Transaction<DB>,
  scheme: NewSchemeVersion,
): Promise<number> {
  await lockSchemes(trx);
  const row = await trx
    .selectFrom("scheme")
    .select((eb) => eb.fn.max("version").as("v"))
    .where("id", "=", scheme.id)
    .executeTakeFirst();
  const version = Number(row?.v ?? 0) + 1;
  await trx
    .insertInto("scheme")
    .values({
      id: scheme.id,
      version,
      valid_from_year: scheme.validFromYear,
      name: scheme.name,
      definition: JSON.stringify(scheme.definition),
      created_by: scheme.createdBy,
    })
    .execute();
  return version;
}
