/**
 * Satisfaction survey responses (survey `satisfaction`, version 1) as COPY text rows for
 * `survey_response`: 40–80 per community and quarter, fewer than 30 for the flagged
 * communities in the latest quarter.
 */
import { escapeCopy, formatTimestamp, NULL_FIELD } from "./copy-format.ts";
import { SURVEY_COMMENTS } from "./names.ts";
import type { DemoPlan, Quarter } from "./options.ts";
import {
  clamp,
  intBetween,
  normal,
  pick,
  pickWeighted,
  type Rng,
  streamFor,
  uuidV4,
  weightedTable,
} from "./prng.ts";
import { type QuarterParams, quarterOrdinal, quarterParams } from "./profile.ts";
import type { Community } from "./tree.ts";

const COUNT_STREAM = 5;
const RESPONSE_STREAM = 6;
const DAY = 86_400_000;

export const SURVEY_ID = "satisfaction";
export const SURVEY_VERSION = 1;

const AGE_BANDS = weightedTable([
  ["18-39", 0.24],
  ["40-59", 0.3],
  ["60-79", 0.33],
  ["80+", 0.13],
] as const);
const ASSISTED: Record<string, number> = { "18-39": 0.05, "40-59": 0.08, "60-79": 0.3, "80+": 0.7 };
const ITEMS = ["overall", "timeliness", "effectiveness", "transparency", "attitude"] as const;

/** Responses per community and quarter (`[community * quarters + q]`). */
export function responseCounts(plan: DemoPlan, communities: readonly Community[]): Int32Array {
  const nq = plan.quarters.length;
  const counts = new Int32Array(communities.length * nq);
  for (const c of communities) {
    for (let qi = 0; qi < nq; qi++) {
      const rng = streamFor(plan.seed, COUNT_STREAM, c.index, qi);
      const few = c.fewLatestResponses && qi === nq - 1;
      counts[c.index * nq + qi] = few ? intBetween(rng, 12, 26) : intBetween(rng, 40, 80);
    }
  }
  return counts;
}

/** Item offsets from the community's service: slow or repeated handling shows in the answers. */
function itemOffsets(p: QuarterParams): Record<(typeof ITEMS)[number], number> {
  return {
    overall: 0,
    timeliness: 1.5 * (0.12 - p.late),
    effectiveness: p.firstPassService - 0.85,
    transparency: -0.1,
    attitude: 0.1,
  };
}

function response(rng: Rng, p: QuarterParams, q: Quarter, unitId: number): string {
  const id = uuidV4(rng);
  const ageBand = pickWeighted(rng, AGE_BANDS);
  const mode = rng() < (ASSISTED[ageBand] ?? 0.1) ? "assisted" : "self";
  const person = p.satisfactionMean + 0.6 * normal(rng);
  const offsets = itemOffsets(p);
  const answers: Record<string, number | string> = {};
  let sum = 0;
  let n = 0;
  for (const item of ITEMS) {
    if (item !== "overall" && rng() < 0.03) continue; // items are optional; overall is nearly always given
    const v = clamp(Math.round(person + offsets[item] + 0.45 * normal(rng)), 1, 5);
    answers[item] = v;
    sum += v;
    n++;
  }
  answers.ageBand = ageBand;
  const mean = sum / n;
  let comment: string | null = null;
  if (rng() < 0.15) {
    comment = pick(
      rng,
      mean >= 4
        ? SURVEY_COMMENTS.good
        : mean <= 2.6
          ? SURVEY_COMMENTS.bad
          : SURVEY_COMMENTS.neutral,
    );
    answers.comment = comment;
  }
  const score = ((mean - 1) / 4) * 100;
  const days = Math.round((q.endMs - q.startMs) / DAY);
  const submitted =
    q.startMs + Math.floor(rng() * days) * DAY + Math.floor((8 + 12 * rng()) * 3600) * 1000;
  const at = formatTimestamp(submitted);
  const commentField = comment === null ? NULL_FIELD : escapeCopy(comment);
  return `${id}\t${SURVEY_ID}\t${SURVEY_VERSION}\t${unitId}\t${at}\t${mode}\t${escapeCopy(JSON.stringify(answers))}\t${score}\t${answers.overall}\t${ageBand}\t${commentField}\t${NULL_FIELD}\t${NULL_FIELD}\t${at}\n`;
}

/** Rows for `RESPONSE_COLUMNS` (scripts/demo/queries.ts). */
export function* responseRows(
  plan: DemoPlan,
  communities: readonly Community[],
  unitIds: ReadonlyMap<string, number>,
  counts: Int32Array,
): Generator<string> {
  const nq = plan.quarters.length;
  for (const c of communities) {
    const unitId = unitIds.get(c.code);
    if (unitId === undefined) throw new Error(`responseRows: unit ${c.code} was not written`);
    for (let qi = 0; qi < nq; qi++) {
      const q = plan.quarters[qi] as Quarter;
      const p = quarterParams(plan, c.index, c.latent, quarterOrdinal(q.year, q.quarter));
      const rng = streamFor(plan.seed, RESPONSE_STREAM, c.index, qi);
      const n = counts[c.index * nq + qi] ?? 0;
      for (let k = 0; k < n; k++) yield response(rng, p, q, unitId);
    }
  }
}
