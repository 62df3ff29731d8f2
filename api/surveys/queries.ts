import { type Kysely, sql, type Transaction } from "kysely";
import { BASE_LEVELS, isBaseLevel } from "../../shapes/org-levels.ts";
import type { DB } from "../db/database.ts";
import type { SurveyMode } from "../db/tables/survey.ts";
import { bumpDataVersions, type QuarterKey } from "../indicators/queries/data-version.ts";
import { countsInSurveyFigures } from "../indicators/queries/survey-exclusion.ts";

type Db = Kysely<DB> | Transaction<DB>;

/** One stored version of a survey definition (SurveyJS JSON). Versions are never edited. */
export interface SurveyVersionRow {
  id: string;
  version: number;
  title: string;
  definition: unknown;
  createdBy: string | null;
  createdAt: Date;
}

const VERSION_COLUMNS = [
  "id",
  "version",
  "title",
  "definition",
  "created_by as createdBy",
  "created_at as createdAt",
] as const;

/** A survey's latest version, or one given version; `undefined` when there is none. */
export async function findSurvey(
  db: Db,
  id: string,
  version?: number,
): Promise<SurveyVersionRow | undefined> {
  let q = db.selectFrom("survey").select(VERSION_COLUMNS).where("id", "=", id);
  q =
    version === undefined
      ? q.orderBy("version", "desc").limit(1)
      : q.where("version", "=", version);
  return q.executeTakeFirst();
}

/** Every survey at its latest version, with how many versions it has; ordered by id. */
export async function listSurveys(db: Db): Promise<(SurveyVersionRow & { versions: number })[]> {
  return db
    .selectFrom("survey as s")
    .select([
      "s.id",
      "s.version",
      "s.title",
      "s.definition",
      "s.created_by as createdBy",
      "s.created_at as createdAt",
      sql<number>`(select count(*) from survey v where v.id = s.id)`.as("versions"),
    ])
    .where(({ eb, selectFrom }) =>
      eb(
        "s.version",
        "=",
        selectFrom("survey as m")
          .select(({ fn }) => fn.max("m.version").as("v"))
          .whereRef("m.id", "=", "s.id"),
      ),
    )
    .orderBy("s.id")
    .execute();
}

/**
 * Stores a new version of a survey (1 for a new id) and returns its number. Two admins saving
 * the same id at once race for the same number; the loser's insert fails on the primary key
 * and the caller reports a conflict.
 */
export async function insertSurveyVersion(
  db: Db,
  s: { id: string; title: string; definition: unknown; createdBy: string | null },
): Promise<number> {
  const row = await sql<{ version: number }>`
    insert into survey (id, version, title, definition, created_by)
    select ${s.id}, coalesce(max(version), 0) + 1, ${s.title}, ${JSON.stringify(s.definition)}::jsonb, ${s.createdBy}
    from survey where id = ${s.id}
    returning version`.execute(db);
  return row.rows[0]!.version;
}

/** A validated response ready to store (comments already masked, score computed). */
export interface ResponseWrite {
  id: string;
  surveyId: string;
  surveyVersion: number;
  orgUnitId: number;
  submittedAt: Date;
  mode: SurveyMode;
  answers: Record<string, unknown>;
  score: number | null;
  overall: number | null;
  ageBand: string | null;
  comment: string | null;
  clientHash: string | null;
  enteredBy: string | null;
  /** The quarter of `submittedAt` (Asia/Shanghai), whose data version the write bumps. */
  quarter: QuarterKey;
}

const CHUNK = 1000;

/**
 * Inserts responses set-based (one multi-row `insert … on conflict (id) do nothing` per 1,000)
 * and bumps the data version of every quarter that gained a response, in one transaction.
 * Returns the ids actually inserted: an id already stored (a client's re-send) is skipped.
 */
export async function insertResponses(
  db: Kysely<DB>,
  rows: readonly ResponseWrite[],
): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  return db.transaction().execute(async (trx) => {
    const inserted = new Set<string>();
    for (let i = 0; i < rows.length; i += CHUNK) {
      const chunk = rows.slice(i, i + CHUNK);
      const out = await trx
        .insertInto("survey_response")
        .values(
          chunk.map((r) => ({
            id: r.id,
            survey_id: r.surveyId,
            survey_version: r.surveyVersion,
            org_unit_id: r.orgUnitId,
            submitted_at: r.submittedAt,
            mode: r.mode,
            answers: JSON.stringify(r.answers),
            score: r.score,
            overall: r.overall,
            age_band: r.ageBand,
            comment: r.comment,
            client_hash: r.clientHash,
            entered_by: r.enteredBy,
          })),
        )
        .onConflict((oc) => oc.column("id").doNothing())
        .returning("id")
        .execute();
      for (const o of out) inserted.add(o.id);
    }
    const quarters = rows.filter((r) => inserted.has(r.id)).map((r) => r.quarter);
    await bumpDataVersions(trx, quarters);
    return inserted;
  });
}

/** One response's five-point items, age band and mode, as the statistics read them. */
export interface ResponseStatsRow {
  /** The direct child of the root whose subtree holds the response; null for the root itself. */
  childId: number | null;
  overall: number | null;
  timeliness: number | null;
  effectiveness: number | null;
  transparency: number | null;
  attitude: number | null;
  ageBand: string | null;
  mode: SurveyMode;
}

export interface ResponseStatsParams {
  surveyId: string;
  rootId: number;
  from: Date;
  to: Date;
}

/** A five-point item read from the stored answers: only integers 1–5 count (anything else is null). */
const item = (name: string) =>
  sql<
    number | null
  >`case when r.answers->>${name} in ('1', '2', '3', '4', '5') then (r.answers->>${name})::int end`;

/**
 * Every response of a survey (all versions) submitted in [from, to) in the subtree of `rootId`
 * that counts (none an assessor confirmed as stuffing),
 * narrowed to the columns the statistics need. One query through the closure table; at city
 * scale (a district of 300 communities × 60 responses) that is some 20,000 short rows.
 */
export async function responseStatsRows(
  db: Db,
  p: ResponseStatsParams,
): Promise<ResponseStatsRow[]> {
  return db
    .selectFrom("survey_response as r")
    .innerJoin("org_closure as c", (j) =>
      j.onRef("c.descendant_id", "=", "r.org_unit_id").on("c.ancestor_id", "=", p.rootId),
    )
    .leftJoin("org_closure as cc", (j) =>
      j
        .onRef("cc.descendant_id", "=", "r.org_unit_id")
        .on(
          "cc.ancestor_id",
          "in",
          db.selectFrom("org_unit").select("id").where("parent_id", "=", p.rootId),
        ),
    )
    .select([
      "cc.ancestor_id as childId",
      item("overall").as("overall"),
      item("timeliness").as("timeliness"),
      item("effectiveness").as("effectiveness"),
      item("transparency").as("transparency"),
      item("attitude").as("attitude"),
      "r.age_band as ageBand",
      "r.mode",
    ])
    .where(countsInSurveyFigures("r"))
    .where("r.survey_id", "=", p.surveyId)
    .where("r.submitted_at", ">=", p.from)
    .where("r.submitted_at", "<", p.to)
    .execute();
}

/** A stored free-text comment (masked at ingest) with where and when it was given. */
export interface CommentRow {
  submittedAt: Date;
  orgUnitCode: string;
  orgUnitName: string;
  mode: SurveyMode;
  overall: number | null;
  comment: string;
}

/** The latest `limit` non-empty comments of a survey in the subtree and period, newest first. */
export async function latestComments(
  db: Db,
  p: ResponseStatsParams & { limit: number },
): Promise<CommentRow[]> {
  const rows = await db
    .selectFrom("survey_response as r")
    .innerJoin("org_closure as c", (j) =>
      j.onRef("c.descendant_id", "=", "r.org_unit_id").on("c.ancestor_id", "=", p.rootId),
    )
    .innerJoin("org_unit as u", "u.id", "r.org_unit_id")
    .select([
      "r.submitted_at as submittedAt",
      "u.code as orgUnitCode",
      "u.name as orgUnitName",
      "r.mode",
      "r.overall",
      "r.comment",
    ])
    .where("r.survey_id", "=", p.surveyId)
    .where("r.submitted_at", ">=", p.from)
    .where("r.submitted_at", "<", p.to)
    .where("r.comment", "is not", null)
    .where("r.comment", "<>", "")
    .orderBy("r.submitted_at", "desc")
    .limit(p.limit)
    .execute();
  return rows.map((r) => ({ ...r, comment: r.comment ?? "" }));
}

/** A unit with its code, name and level; for pages and stats. */
export interface UnitInfo {
  id: number;
  code: string;
  name: string;
  level: string;
}

/** The direct children of a unit, ordered by code. */
export async function childUnits(db: Db, parentId: number): Promise<UnitInfo[]> {
  return db
    .selectFrom("org_unit")
    .select(["id", "code", "name", "level"])
    .where("parent_id", "=", parentId)
    .orderBy("code")
    .execute();
}

/**
 * The units a poster set covers: every community in the subtree of `rootId` (a street's
 * communities, a district's), or the root itself when it has none (a community or a grid).
 * Each with its parent's name (the street), which the poster shows above the unit's.
 */
export async function posterUnits(
  db: Db,
  rootId: number,
): Promise<(UnitInfo & { parentName: string | null })[]> {
  const rows = await db
    .selectFrom("org_closure as c")
    .innerJoin("org_unit as u", "u.id", "c.descendant_id")
    .leftJoin("org_unit as p", "p.id", "u.parent_id")
    .select(["u.id", "u.code", "u.name", "u.level", "p.name as parentName"])
    .where("c.ancestor_id", "=", rootId)
    .where((eb) => eb.or([eb("u.level", "in", BASE_LEVELS), eb("c.depth", "=", 0)]))
    .orderBy("c.depth")
    .orderBy("u.code")
    .execute();
  const communities = rows.filter((r) => isBaseLevel(r.level));
  return communities.length > 0 ? communities : rows.slice(0, 1);
}
