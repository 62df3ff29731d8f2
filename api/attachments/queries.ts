import { type Kysely, sql, type Transaction } from "kysely";
import type { DB } from "../db/database.ts";

type Db = Kysely<DB> | Transaction<DB>;

/** An attachment without its bytes. */
export interface AttachmentInfo {
  id: number;
  name: string | null;
  mime: string;
  size: number;
  sha256: string;
  createdBy: string;
  createdAt: Date;
}

const INFO = [
  "id",
  "name",
  "mime",
  "size",
  "sha256",
  "created_by as createdBy",
  "created_at as createdAt",
] as const;

export async function insertAttachment(
  db: Db,
  a: {
    bytes: Uint8Array;
    mime: string;
    sha256: string;
    name: string | null;
    createdBy: string;
    createdAt?: Date;
  },
): Promise<AttachmentInfo> {
  return db
    .insertInto("attachment")
    .values({
      bytes: a.bytes,
      mime: a.mime,
      size: a.bytes.byteLength,
      sha256: a.sha256,
      name: a.name,
      created_by: a.createdBy,
      ...(a.createdAt === undefined ? {} : { created_at: a.createdAt }),
    })
    .returning(INFO)
    .executeTakeFirstOrThrow();
}

export async function attachmentInfos(db: Db, ids: readonly number[]): Promise<AttachmentInfo[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom("attachment")
    .select(INFO)
    .where("id", "in", [...new Set(ids)])
    .orderBy("id")
    .execute();
}

export async function attachmentBytes(
  db: Db,
  id: number,
): Promise<(AttachmentInfo & { bytes: Uint8Array }) | undefined> {
  const row = await db
    .selectFrom("attachment")
    .select([...INFO, "bytes"])
    .where("id", "=", id)
    .executeTakeFirst();
  return row ? { ...row, bytes: new Uint8Array(row.bytes) } : undefined;
}

/**
 * Whether a caller scoped at `scopeUnitId` (null: the whole tree) may read attachment `id`: its
 * uploader may, and so may anyone whose subtree holds the unit of an appeal or a rectification
 * task it supports.
 */
export async function mayReadAttachment(
  db: Db,
  id: number,
  reader: { key: string; scopeUnitId: number | null },
): Promise<boolean> {
  const { rows } = await sql<{ ok: boolean }>`
    select exists (select 1 from attachment where id = ${id} and created_by = ${reader.key})
      or exists (
        select 1 from appeal_attachment aa join appeal a on a.id = aa.appeal_id
        where aa.attachment_id = ${id}
          and (${reader.scopeUnitId}::int is null or exists (select 1 from org_closure oc
            where oc.ancestor_id = ${reader.scopeUnitId}::int and oc.descendant_id = a.org_unit_id))
      )
      or exists (
        select 1 from rectification_attachment ra join rectification_task t on t.id = ra.task_id
        where ra.attachment_id = ${id}
          and (${reader.scopeUnitId}::int is null or exists (select 1 from org_closure oc
            where oc.ancestor_id = ${reader.scopeUnitId}::int and oc.descendant_id = t.org_unit_id))
      ) as ok`.execute(db);
  return rows[0]?.ok === true;
}
