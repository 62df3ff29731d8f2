/**
 * Raw exports of survey responses and quarterly returns of a subtree and quarter (cases:
 * case-rows.ts), and the default root of an export. Responses are read in bounded memory
 * (reading.ts); returns, at most one per unit and quarter, at once. Timestamps come back as
 * Beijing wall-clock text (`2026-07-01 08:30:00`), formatted by the database.
 */
import { type Kysely, sql } from "kysely";
import type { DB } from "../db/database.ts";
import type { UnitRef } from "../org-tree/queries.ts";
import {
  beijing,
  cursorChunks,
  EXPORT_CHUNK,
  type ExportScope,
  keysetPages,
  type ReadMode,
} from "./reading.ts";

export interface SurveyResponseExportRow {
  id: string;
  surveyId: string;
  surveyVersion: number;
  orgUnit: string;
  orgUnitName: string;
  submittedAt: string;
  mode: string;
  overall: number | null;
  timeliness: number | null;
  effectiveness: number | null;
  transparency: number | null;
  attitude: number | null;
  score: number | null;
  ageBand: string | null;
  comment: string | null;
  enteredBy: string | null;
}

const item = (name: string) =>
  sql<
    number | null
  >`case when r.answers->>${name} in ('1', '2', '3', '4', '5') then (r.answers->>${name})::int end`;

function responsesQuery(db: Kysely<DB>, s: ExportScope, withComments: boolean) {
  return db
    .selectFrom("survey_response as r")
    .innerJoin("org_closure as cl", "cl.descendant_id", "r.org_unit_id")
    .innerJoin("org_unit as u", "u.id", "r.org_unit_id")
    .where("cl.ancestor_id", "=", s.rootId)
    .where("r.submitted_at", ">=", s.from)
    .where("r.submitted_at", "<", s.to)
    .select([
      sql<string>`r.id::text`.as("id"),
      "r.survey_id as surveyId",
      "r.survey_version as surveyVersion",
      "u.code as orgUnit",
      "u.name as orgUnitName",
      beijing("r.submitted_at").$castTo<string>().as("submittedAt"),
      "r.mode",
      item("overall").as("overall"),
      item("timeliness").as("timeliness"),
      item("effectiveness").as("effectiveness"),
      item("transparency").as("transparency"),
      item("attitude").as("attitude"),
      "r.score",
      "r.age_band as ageBand",
      // Comments are masked at ingest, and still shown only to roles that may read them.
      (withComments ? sql<string | null>`r.comment` : sql<string | null>`null::text`).as("comment"),
      "r.entered_by as enteredBy",
    ]);
}

export async function countSurveyResponseExport(db: Kysely<DB>, s: ExportScope): Promise<number> {
  const row = await responsesQuery(db, s, false)
    .clearSelect()
    .select(sql<number>`count(*)::float8`.as("n"))
    .executeTakeFirstOrThrow();
  return row.n;
}

/** Survey responses (all surveys) submitted in the quarter in the subtree, in id order, chunked. */
export function streamSurveyResponseExport(
  db: Kysely<DB>,
  s: ExportScope,
  mode: ReadMode,
  withComments: boolean,
): AsyncIterable<SurveyResponseExportRow[]> {
  const q = () => responsesQuery(db, s, withComments);
  if (mode === "cursor") return cursorChunks(q().orderBy("r.id"), db);
  return keysetPages<SurveyResponseExportRow, string>(
    (after) =>
      q()
        .$if(after !== null, (b) => b.where(sql`r.id`, ">", sql`${after}::uuid`))
        .orderBy("r.id")
        .limit(EXPORT_CHUNK)
        .execute(),
    (row) => row.id,
  );
}

export interface ReturnExportRow {
  orgUnit: string;
  orgUnitName: string;
  year: number;
  quarter: number;
  population: number | null;
  budgetAllocatedYear: number | null;
  budgetSpent: number | null;
  workersInPost: number | null;
  positions: number | null;
  trainingHours: number | null;
  meetingsHeld: number | null;
  itemsRaised: number | null;
  itemsResolved: number | null;
  participants: number | null;
  volunteers: number | null;
  volunteerHours: number | null;
  platformActiveUsers: number | null;
  updatedBy: string | null;
  updatedAt: string;
}

/**
 * The returns of the subtree for quarters 1..Q of Q's year (R1 is year-to-date spending), by unit
 * code and quarter. At most one row per unit and quarter: 28,000 at city scale, read at once.
 */
export async function listReturnExport(
  db: Kysely<DB>,
  p: { rootId: number; year: number; quarter: number },
): Promise<ReturnExportRow[]> {
  return db
    .selectFrom("unit_return as r")
    .innerJoin("org_closure as cl", "cl.descendant_id", "r.org_unit_id")
    .innerJoin("org_unit as u", "u.id", "r.org_unit_id")
    .where("cl.ancestor_id", "=", p.rootId)
    .where("r.year", "=", p.year)
    .where("r.quarter", "<=", p.quarter)
    .select([
      "u.code as orgUnit",
      "u.name as orgUnitName",
      "r.year",
      "r.quarter",
      "r.population",
      "r.budget_allocated_year as budgetAllocatedYear",
      "r.budget_spent as budgetSpent",
      "r.workers_in_post as workersInPost",
      "r.positions",
      "r.training_hours as trainingHours",
      "r.meetings_held as meetingsHeld",
      "r.items_raised as itemsRaised",
      "r.items_resolved as itemsResolved",
      "r.participants",
      "r.volunteers",
      "r.volunteer_hours as volunteerHours",
      "r.platform_active_users as platformActiveUsers",
      "r.updated_by as updatedBy",
      beijing("r.updated_at").$castTo<string>().as("updatedAt"),
    ])
    .orderBy("u.code")
    .orderBy("r.quarter")
    .execute();
}

/** The tree's root when there is exactly one (the default unit of a city-wide caller). */
export async function soleRootUnit(db: Kysely<DB>): Promise<UnitRef | undefined> {
  const roots = await db
    .selectFrom("org_unit")
    .select(["id", "code", "name", "level", "parent_id as parentId", "urban"])
    .where("parent_id", "is", null)
    .limit(2)
    .execute();
  return roots.length === 1 ? roots[0] : undefined;
}
