import type { Kysely, Transaction } from "kysely";
import type { DB } from "../../db/database.ts";

/** Every version of survey `id` (no definitions), newest first: the 问卷 page's version list. */
export async function listSurveyVersions(
  db: Kysely<DB> | Transaction<DB>,
  id: string,
): Promise<{ version: number; title: string; createdBy: string | null; createdAt: Date }[]> {
  return db
    .selectFrom("survey")
    .select(["version", "title", "created_by as createdBy", "created_at as createdAt"])
    .where("id", "=", id)
    .orderBy("version", "desc")
    .execute();
}
