/**
 * Raw exports: cases, survey responses and quarterly returns of a subtree and quarter, read in
 * bounded memory whatever the size. On PostgreSQL rows come through a server-side cursor
 * (pg-cursor, through the executor's chunked `stream`); PGlite's stream buffers the whole result,
 * so there the rows come in keyset pages instead (ordered by id, each page starting after the last id seen). Timestamps
 * come back as Beijing wall-clock text (`2026-07-01 08:30:00`), formatted by the database.
 */
import { type Compilable, type Kysely, type RawBuilder, sql } from "kysely";
import { CASE_FIELDS, type CaseField, type CaseFieldName } from "../cases/contract/fields.ts";
import type { DB } from "../db/database.ts";
import type { UnitRef } from "../org-tree/queries.ts";

/** How rows are read: a server-side cursor (PostgreSQL) or keyset pages (PGlite). */
export type ReadMode = "cursor" | "pages";

export interface ExportScope {
  /** Root of the subtree. */
  rootId: number;
  /** The quarter, [from, to). */
  from: Date;
  to: Date;
}

/**
 * Rows fetched per round trip (cursor chunk or page). Measured on a million cases: 2,000 exports
 * as fast as 5,000 or 20,000, and leaves the garbage collector less to hold (peak RSS of the
 * export process 255 MB against 285 MB at 5,000).
 */
export const EXPORT_CHUNK = 2_000;

const beijing = (column: string) =>
  sql<
    string | null
  >`to_char(${sql.ref(column)} at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI:SS')`;

/**
 * A case as the export reads it: each field of the table (cases/contract/fields.ts) under its
 * name (times as Beijing wall-clock text, enums as their value, the unit as its code), the
 * unit's name, the handling time and when it was received.
 */
export type CaseExportRow = Record<CaseFieldName, string | number | boolean | null> & {
  source: string;
  externalId: string;
  orgUnitName: string;
  handlingHours: number | null;
  receivedAt: string;
};

/** The export's SELECT items for one field of the table. */
function fieldSelect(f: CaseField) {
  const column = `c.${f.column}`;
  switch (f.type) {
    case "unit":
      return [sql.ref("u.code").as(f.name), sql.ref("u.name").as(`${f.name}Name`)];
    case "enum":
      return [sql`${sql.ref(column)}::text`.as(f.name)];
    case "timestamp":
      return [beijing(column).as(f.name)];
    default:
      return [sql.ref(column).as(f.name)];
  }
}

/** The case export's SELECT items: the table's fields, with the handling time after deadlineAt. */
const CASE_SELECT = [
  ...CASE_FIELDS.flatMap((f) => [
    ...fieldSelect(f),
    ...(f.name === "deadlineAt"
      ? [
          sql<number | null>`extract(epoch from c.resolved_at - c.reported_at)::float8 / 3600`.as(
            "handlingHours",
          ),
        ]
      : []),
  ]),
  beijing("c.received_at").as("receivedAt"),
];

type Value = RawBuilder<unknown>;

// Values go in as bind parameters, or inline as literals for COPY (which takes no parameters).
function bind(inline: boolean) {
  return (v: string | number): Value => (inline ? sql.lit(v) : sql.val(v));
}

/**
 * The cases of the subtree that count in the quarter: reported in it or resolved in it (a case
 * reported in Q−1 and resolved in Q counts in G2, S1, S2, S5 and R4 of Q).
 */
function casesQuery(db: Kysely<DB>, s: ExportScope, inline = false) {
  const v = bind(inline);
  const from = v(s.from.toISOString());
  const to = v(s.to.toISOString());
  return db
    .selectFrom("case_record as c")
    .innerJoin("org_closure as cl", "cl.descendant_id", "c.org_unit_id")
    .innerJoin("org_unit as u", "u.id", "c.org_unit_id")
    .where("cl.ancestor_id", "=", v(s.rootId) as never)
    .where(({ or, and, eb }) =>
      or([
        and([eb("c.reported_at", ">=", from as never), eb("c.reported_at", "<", to as never)]),
        and([eb("c.resolved_at", ">=", from as never), eb("c.resolved_at", "<", to as never)]),
      ]),
    )
    .select(CASE_SELECT)
    .$castTo<CaseExportRow>();
}

/** How many cases the export of `s` holds (to decide between streaming now and a job). */
export async function countCaseExport(db: Kysely<DB>, s: ExportScope): Promise<number> {
  const row = await casesQuery(db, s)
    .clearSelect()
    .select(sql<number>`count(*)::float8`.as("n"))
    .executeTakeFirstOrThrow();
  return row.n;
}

async function* keysetPages<R, K>(
  page: (after: K | null) => Promise<R[]>,
  keyOf: (row: R) => K,
): AsyncGenerator<R[]> {
  let after: K | null = null;
  for (;;) {
    const rows = await page(after);
    if (rows.length > 0) yield rows;
    if (rows.length < EXPORT_CHUNK) return;
    after = keyOf(rows[rows.length - 1]!);
  }
}

/**
 * A query's rows in chunks of `EXPORT_CHUNK` through the driver's cursor: one chunk per round
 * trip, handed on whole (a per-row async iterator costs more than formatting the row). The next
 * chunk is requested as soon as one arrives, so PostgreSQL produces it while this one is being
 * formatted, instead of the two taking turns.
 */
async function* cursorChunks<R>(query: Compilable<R>, db: Kysely<DB>): AsyncGenerator<R[]> {
  const it = db.getExecutor().stream<R>(query.compile(), EXPORT_CHUNK)[Symbol.asyncIterator]();
  let next = it.next();
  try {
    for (;;) {
      const r = await next;
      if (r.done) return;
      next = it.next();
      if (r.value.rows.length > 0) yield r.value.rows as R[];
    }
  } finally {
    // Stopped early (the client went away): let the read in flight settle, then close the cursor.
    await next.catch(() => undefined);
    await it.return?.(undefined);
  }
}

/**
 * Export order: by the case's identity (source, then the platform's id), the primary key's
 * order, so keyset pages walk the index.
 */
const byIdentity = sql`c.source, c.external_id`;

/** The cases of `s` in identity order, in chunks of `EXPORT_CHUNK` rows. */
export function streamCaseExport(
  db: Kysely<DB>,
  s: ExportScope,
  mode: ReadMode,
): AsyncIterable<CaseExportRow[]> {
  if (mode === "cursor") return cursorChunks(casesQuery(db, s).orderBy(byIdentity), db);
  return keysetPages<CaseExportRow, readonly [string, string]>(
    (after) =>
      casesQuery(db, s)
        .$if(after !== null, (q) =>
          q.where(sql<boolean>`(c.source, c.external_id) > (${after![0]}, ${after![1]})`),
        )
        .orderBy(byIdentity)
        .limit(EXPORT_CHUNK)
        .execute(),
    (row) => [row.source, row.externalId] as const,
  );
}

/**
 * The case export's SELECT with its values inline, for `COPY (…) TO STDOUT` (the benchmark's
 * baseline: the same rows as the export, formatted by PostgreSQL alone).
 */
export function caseExportSelectSql(db: Kysely<DB>, s: ExportScope): string {
  return casesQuery(db, s, true).orderBy(byIdentity).compile().sql;
}

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
