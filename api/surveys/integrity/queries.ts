/**
 * Reading and deciding survey flags (issue 22): counts of flagged responses in a subtree and
 * period, the flagged responses themselves, and an assessor's decision, which moves the survey
 * figures (a confirmed response counts in none) and so bumps the data version of its quarter like
 * a survey write: the engine's cached figures are keyed by it (api/indicators/engine-cache.ts).
 */
import { type Kysely, sql, type Transaction } from "kysely";
import { type Quarter, quarterEnd, quarterOf, quarterStart } from "../../../shapes/periods.ts";
import type { DB } from "../../db/database.ts";
import type { SurveyFlagKind, SurveyFlagStatus, SurveyMode } from "../../db/tables/survey.ts";
import { SATISFACTION_SURVEY } from "../../indicators/cold.ts";
import { bumpDataVersions } from "../../indicators/queries/data-version.ts";

type Db = Kysely<DB> | Transaction<DB>;

export interface FlagWindow {
  surveyId: string;
  /** The subtree's root; null: the whole tree. */
  rootId: number | null;
  from: Date;
  to: Date;
}

/**
 * Flagged responses by their decision: `confirmed` (any flag confirmed: counts in no figure),
 * `open` (waiting for an assessor), `dismissed` (every flag dismissed: counts as before); and
 * flagged responses by signal (a response may carry several).
 */
export interface FlagCounts {
  flagged: number;
  open: number;
  confirmed: number;
  dismissed: number;
  byKind: Record<SurveyFlagKind, number>;
}

/** Each flagged response of the window with its decision, as SQL (one row per response). */
function flaggedResponses(db: Db, w: FlagWindow) {
  return db
    .selectFrom("survey_flag as f")
    .innerJoin("survey_response as r", "r.id", "f.response_id")
    .$if(w.rootId !== null, (q) =>
      q.where(
        "r.org_unit_id",
        "in",
        db.selectFrom("org_closure").select("descendant_id").where("ancestor_id", "=", w.rootId!),
      ),
    )
    .where("r.survey_id", "=", w.surveyId)
    .where("r.submitted_at", ">=", w.from)
    .where("r.submitted_at", "<", w.to)
    .groupBy(["r.id", "r.org_unit_id"])
    .select([
      "r.id",
      "r.org_unit_id as unitId",
      sql<SurveyFlagStatus>`case
        when bool_or(f.status = 'confirmed') then 'confirmed'
        when bool_or(f.status = 'open') then 'open'
        else 'dismissed' end`.as("status"),
      sql<number>`count(*) filter (where f.kind = 'repeat_client')`.as("repeatClient"),
      sql<number>`count(*) filter (where f.kind = 'straight_line')`.as("straightLine"),
      sql<number>`count(*) filter (where f.kind = 'burst')`.as("burst"),
    ]);
}

const zeroCounts = (): FlagCounts => ({
  flagged: 0,
  open: 0,
  confirmed: 0,
  dismissed: 0,
  byKind: { repeat_client: 0, straight_line: 0, burst: 0 },
});

/** The counts of the window's flagged responses, for the whole subtree and by the responses' units. */
export async function flagCountsByUnit(
  db: Db,
  w: FlagWindow,
): Promise<{ total: FlagCounts; byUnit: Map<number, FlagCounts> }> {
  const rows = await flaggedResponses(db, w).execute();
  const total = zeroCounts();
  const byUnit = new Map<number, FlagCounts>();
  for (const r of rows) {
    const unit = byUnit.get(r.unitId) ?? zeroCounts();
    byUnit.set(r.unitId, unit);
    for (const c of [total, unit]) {
      c.flagged += 1;
      c[r.status] += 1;
      if (Number(r.repeatClient) > 0) c.byKind.repeat_client += 1;
      if (Number(r.straightLine) > 0) c.byKind.straight_line += 1;
      if (Number(r.burst) > 0) c.byKind.burst += 1;
    }
  }
  return { total, byUnit };
}

/** One flagged response as the assessor's list shows it (no comment: it may be read elsewhere). */
export interface FlaggedResponse {
  id: string;
  orgUnit: string;
  orgUnitName: string;
  submittedAt: Date;
  mode: SurveyMode;
  enteredBy: string | null;
  score: number | null;
  kinds: SurveyFlagKind[];
  status: SurveyFlagStatus;
  decidedBy: string | null;
  decidedAt: Date | null;
}

/** The window's flagged responses, oldest first, at most `limit`; optionally of one decision. */
export async function listFlaggedResponses(
  db: Db,
  w: FlagWindow & { status?: SurveyFlagStatus; limit: number },
): Promise<FlaggedResponse[]> {
  const base = flaggedResponses(db, w).as("fr");
  let q = db
    .selectFrom(base)
    .innerJoin("survey_response as r", "r.id", "fr.id")
    .innerJoin("org_unit as u", "u.id", "r.org_unit_id")
    .select([
      "r.id",
      "u.code as orgUnit",
      "u.name as orgUnitName",
      "r.submitted_at as submittedAt",
      "r.mode",
      "r.entered_by as enteredBy",
      "r.score",
      "fr.status",
      sql<
        SurveyFlagKind[]
      >`(select array_agg(f.kind order by f.kind) from survey_flag f where f.response_id = r.id)`.as(
        "kinds",
      ),
      sql<
        string | null
      >`(select max(f.decided_by) from survey_flag f where f.response_id = r.id)`.as("decidedBy"),
      sql<Date | null>`(select max(f.decided_at) from survey_flag f where f.response_id = r.id)`.as(
        "decidedAt",
      ),
    ])
    .orderBy("r.submitted_at")
    .orderBy("r.id")
    .limit(w.limit);
  if (w.status) q = q.where("fr.status", "=", w.status);
  const rows = await q.execute();
  return rows.map((r) => ({
    ...r,
    decidedAt: r.decidedAt === null ? null : new Date(r.decidedAt),
    kinds: parseKinds(r.kinds),
  }));
}

/** node-postgres parses text[]; PGlite may hand back the literal `{a,b}`. */
function parseKinds(v: unknown): SurveyFlagKind[] {
  if (Array.isArray(v)) return v as SurveyFlagKind[];
  if (typeof v === "string") return v.replace(/^\{|\}$/g, "").split(",") as SurveyFlagKind[];
  return [];
}

/** A flagged response's unit, for the scope check before a decision. */
export async function flaggedUnits(
  db: Db,
  responseIds: readonly string[],
): Promise<Map<string, { unitId: number; code: string }>> {
  if (responseIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("survey_response as r")
    .innerJoin("org_unit as u", "u.id", "r.org_unit_id")
    .select(["r.id", "r.org_unit_id as unitId", "u.code"])
    .where("r.id", "in", responseIds)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom("survey_flag as f").select("f.kind").whereRef("f.response_id", "=", "r.id"),
      ),
    )
    .execute();
  return new Map(rows.map((r) => [r.id, { unitId: r.unitId, code: r.code }]));
}

/**
 * Records an assessor's decision on flagged responses (every flag of each), and bumps the data
 * version of each response's quarter in the same transaction, so cached figures are rebuilt
 * without the confirmed ones (or with the dismissed ones again). Returns how many responses.
 */
export async function decideFlags(
  db: Kysely<DB>,
  d: { responseIds: readonly string[]; decision: "confirmed" | "dismissed"; by: string },
): Promise<number> {
  if (d.responseIds.length === 0) return 0;
  return db.transaction().execute(async (trx) => {
    const changed = await trx
      .updateTable("survey_flag")
      .set({ status: d.decision, decided_by: d.by, decided_at: new Date() })
      .where("response_id", "in", d.responseIds)
      .returning("response_id")
      .execute();
    const ids = [...new Set(changed.map((c) => c.response_id))];
    if (ids.length === 0) return 0;
    const times = await trx
      .selectFrom("survey_response")
      .select("submitted_at")
      .where("id", "in", ids)
      .execute();
    await bumpDataVersions(
      trx,
      times.map((t) => quarterOf(t.submitted_at)),
    );
    return ids.length;
  });
}

/** Flag counts of a unit's subtree, as the assessor workbook's 问卷样本 sheet shows them. */
export type SubtreeFlagCounts = Omit<FlagCounts, "byKind">;

/**
 * For the root and every unit below it: the counts of flagged satisfaction-survey responses of
 * the quarter in that unit's subtree, by unit code (units without a flagged response absent).
 */
export async function subtreeFlagCounts(
  db: Db,
  rootId: number,
  q: Quarter,
): Promise<Record<string, SubtreeFlagCounts>> {
  const w = { surveyId: SATISFACTION_SURVEY, rootId, from: quarterStart(q), to: quarterEnd(q) };
  const rows = await db
    .selectFrom(flaggedResponses(db, w).as("fr"))
    .innerJoin("org_closure as c", "c.descendant_id", "fr.unitId")
    .innerJoin("org_closure as r", (j) =>
      j.onRef("r.descendant_id", "=", "c.ancestor_id").on("r.ancestor_id", "=", rootId),
    )
    .innerJoin("org_unit as u", "u.id", "c.ancestor_id")
    .groupBy("u.code")
    .select([
      "u.code",
      sql<number>`count(*)`.as("flagged"),
      sql<number>`count(*) filter (where fr.status = 'open')`.as("open"),
      sql<number>`count(*) filter (where fr.status = 'confirmed')`.as("confirmed"),
      sql<number>`count(*) filter (where fr.status = 'dismissed')`.as("dismissed"),
    ])
    .execute();
  return Object.fromEntries(
    rows.map((r) => [
      r.code,
      {
        flagged: Number(r.flagged),
        open: Number(r.open),
        confirmed: Number(r.confirmed),
        dismissed: Number(r.dismissed),
      },
    ]),
  );
}
