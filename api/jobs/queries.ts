import { type Kysely, sql, type Transaction } from "kysely";
import type { DB } from "../db/database.ts";
import type { JobStatus } from "../db/tables/audit.ts";

type Db = Kysely<DB> | Transaction<DB>;

export interface JobRow {
  id: string;
  kind: string;
  status: JobStatus;
  progress: number;
  params: unknown;
  result: unknown;
  error: string | null;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface NewJob {
  id: string;
  kind: string;
  createdBy: string;
  params: unknown;
}

/** Records a job that starts running at once (the in-process runner has no queue). */
export async function insertJob(db: Db, job: NewJob): Promise<void> {
  await db
    .insertInto("job")
    .values({
      id: job.id,
      kind: job.kind,
      status: "running",
      params: JSON.stringify(job.params ?? null),
      result: null,
      error: null,
      created_by: job.createdBy,
    })
    .execute();
}

/** Moves a running job's progress forward (never back: a late write cannot undo a newer one). */
export async function setJobProgress(db: Db, id: string, progress: number): Promise<void> {
  await db
    .updateTable("job")
    .set({ progress: sql<number>`greatest(progress, ${progress}::float8)`, updated_at: new Date() })
    .where("id", "=", id)
    .where("status", "=", "running")
    .execute();
}

export async function finishJob(db: Db, id: string, result: unknown): Promise<void> {
  await db
    .updateTable("job")
    .set({
      status: "done",
      progress: 1,
      result: JSON.stringify(result ?? null),
      updated_at: new Date(),
    })
    .where("id", "=", id)
    .execute();
}

export async function failJob(db: Db, id: string, error: string): Promise<void> {
  await db
    .updateTable("job")
    .set({ status: "failed", error, updated_at: new Date() })
    .where("id", "=", id)
    .execute();
}

/** The columns of a {@link JobRow}. */
const JOB_COLUMNS = [
  "id",
  "kind",
  "status",
  "progress",
  "params",
  "result",
  "error",
  "created_by as createdBy",
  "created_at as createdAt",
  "updated_at as updatedAt",
] as const;

/** A job by id; `undefined` when there is none (or `id` is not a UUID). */
export async function getJob(db: Db, id: string): Promise<JobRow | undefined> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return undefined;
  const row = await db
    .selectFrom("job")
    .select(JOB_COLUMNS)
    .where("id", "=", id)
    .executeTakeFirst();
  return row;
}

/** Marks every job still queued or running as failed with `reason`; returns those jobs. */
export async function failUnfinishedJobs(
  db: Db,
  reason: string,
): Promise<{ id: string; params: unknown }[]> {
  return db
    .updateTable("job")
    .set({ status: "failed", error: reason, updated_at: new Date() })
    .where("status", "in", ["queued", "running"])
    .returning(["id", "params"])
    .execute();
}

/** The jobs `createdBy` started since `since` whose kind starts with `kindPrefix`, newest first. */
export async function listJobsOf(
  db: Db,
  p: { createdBy: string; kindPrefix: string; since: Date; limit: number },
): Promise<JobRow[]> {
  return db
    .selectFrom("job")
    .select(JOB_COLUMNS)
    .where("created_by", "=", p.createdBy)
    .where("kind", "like", `${p.kindPrefix.replace(/[\\%_]/g, "\\$&")}%`)
    .where("created_at", ">=", p.since)
    .orderBy("created_at", "desc")
    .orderBy("id")
    .limit(p.limit)
    .execute();
}
