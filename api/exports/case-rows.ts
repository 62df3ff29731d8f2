/**
 * The raw case export's rows: each field of the Case table (cases/contract/fields.ts) as the
 * export reads it, the cases of a subtree that count in a quarter, counted, streamed in chunks,
 * or as one SELECT with its values inline for `COPY` (the benchmark's baseline).
 */
import { type Kysely, type RawBuilder, sql } from "kysely";
import { CASE_FIELDS, type CaseField, type CaseFieldName } from "../cases/contract/fields.ts";
import type { DB } from "../db/database.ts";
import {
  beijing,
  cursorChunks,
  EXPORT_CHUNK,
  type ExportScope,
  keysetPages,
  type ReadMode,
} from "./reading.ts";

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
  /** The approved appeal that exempts the case (核减); null: it counts. */
  exemptAppealId: number | null;
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
  sql.ref("c.exempt_appeal_id").as("exemptAppealId"),
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
