/**
 * Work orders (工单) as COPY text rows for `case_record`, one community-quarter at a time from
 * its own PRNG stream, so the stream is bounded in memory at any volume.
 */
import type { CaseChannel, CaseKind } from "../../api/db/tables/case-record.ts";
import { formatTimestamp, NULL_FIELD, timestampField } from "./copy-format.ts";
import {
  APPEAL_CATEGORIES,
  CAMERA_CATEGORIES,
  DEADLINE_HOURS,
  EVENT_CATEGORIES,
  SENSOR_CATEGORIES,
  SERVICE_CATEGORIES,
} from "./names.ts";
import type { DemoPlan, Quarter } from "./options.ts";
import {
  exponential,
  intBetween,
  logNormal,
  normal,
  pick,
  pickWeighted,
  streamFor,
  weightedTable,
} from "./prng.ts";
import { quarterOrdinal, quarterParams } from "./profile.ts";
import type { Community } from "./tree.ts";

const COUNT_STREAM = 2;
const CASE_STREAM = 3;
const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

/** The platforms the cases come from (source_freshness rows), by channel. */
export const CASE_SOURCES = ["yiwangtongguan", "12345", "xinfang", "yichuangshouli"] as const;
export type CaseSource = (typeof CASE_SOURCES)[number];
const SOURCE_OF: Record<CaseChannel, CaseSource> = {
  hotline: "12345",
  petition: "xinfang",
  window: "yichuangshouli",
  online: "yichuangshouli",
  app: "yiwangtongguan",
  wechat: "yiwangtongguan",
  grid_patrol: "yiwangtongguan",
  ai_camera: "yiwangtongguan",
  iot_sensor: "yiwangtongguan",
};

const PROACTIVE = weightedTable<CaseChannel>([
  ["grid_patrol", 0.55],
  ["ai_camera", 0.3],
  ["iot_sensor", 0.15],
]);
const APPEAL_CHANNELS = weightedTable<CaseChannel>([
  ["hotline", 0.5],
  ["app", 0.18],
  ["wechat", 0.24],
  ["petition", 0.08],
]);
const RESIDENT_EVENT_CHANNELS = weightedTable<CaseChannel>([
  ["hotline", 0.4],
  ["app", 0.3],
  ["wechat", 0.3],
]);
const CALLBACK_RATE: Record<CaseKind, number> = { event: 0.15, appeal: 0.75, service: 0.5 };
const SEASON = [0.93, 1, 1.07, 1] as const;

/** Latest instants seen per source, for source_freshness. */
export interface SourceSeen {
  lastReceivedMs: number;
  maxReportedMs: number;
}

/**
 * Cases per community and quarter (`[community * quarters + q]`): the year's volume spread by
 * community weight, season (Spring Festival dip, summer peak) and a slight growth, ±6 % noise.
 */
export function caseCounts(plan: DemoPlan, communities: readonly Community[]): Int32Array {
  const nq = plan.quarters.length;
  const counts = new Int32Array(communities.length * nq);
  const years = plan.quarters.map((q) => q.year);
  const midYear = (Math.min(...years) + Math.max(...years)) / 2;
  const perCommunityQuarter = plan.casesPerYear / 4 / Math.max(1, communities.length);
  for (const c of communities) {
    plan.quarters.forEach((q, qi) => {
      const rng = streamFor(plan.seed, COUNT_STREAM, c.index, qi);
      const growth = 1 + 0.04 * (q.year - midYear);
      const expected = perCommunityQuarter * c.caseWeight * (SEASON[q.quarter - 1] ?? 1) * growth;
      const n = Math.round(expected * Math.exp(0.06 * normal(rng)));
      counts[c.index * nq + qi] = Math.max(plan.minCasesPerQuarter, n);
    });
  }
  return counts;
}

/**
 * The order rows are generated in. The rows are the same either way; the order only changes
 * index locality during the COPY, and the two engines disagree on which is cheaper (measured):
 * - `time`: quarter by quarter, then community by community, roughly as a platform would have
 *   sent them. reported_at, resolved_at and (source, external_id) grow at their right edge.
 *   PostgreSQL, 1.75 M cases: 52,000/s (against 39,500/s for `unit`).
 * - `unit`: community by community, then quarter by quarter. (org_unit_id, reported_at) grows
 *   at the right edge. PGlite, 210,000 cases: 40,000/s (against 19,000/s for `time`).
 */
export type CaseOrder = "time" | "unit";

/** Rows for `CASE_COLUMNS` (scripts/demo/queries.ts). */
export function* caseRows(
  plan: DemoPlan,
  communities: readonly Community[],
  unitIds: ReadonlyMap<string, number>,
  counts: Int32Array,
  seen: Map<CaseSource, SourceSeen>,
  order: CaseOrder,
): Generator<string> {
  const nq = plan.quarters.length;
  const targets = communities.map((c) => {
    const unitId = unitIds.get(c.code);
    if (unitId === undefined) throw new Error(`caseRows: unit ${c.code} was not written`);
    return { c, unitId, gridIds: c.gridCodes.map((g) => unitIds.get(g) ?? unitId) };
  });
  const one = (t: (typeof targets)[number], qi: number) =>
    quarterCases(plan, t.c, t.unitId, t.gridIds, qi, counts[t.c.index * nq + qi] ?? 0, seen);
  if (order === "time") {
    for (let qi = 0; qi < nq; qi++) for (const t of targets) yield* one(t, qi);
  } else {
    for (const t of targets) for (let qi = 0; qi < nq; qi++) yield* one(t, qi);
  }
}

function* quarterCases(
  plan: DemoPlan,
  c: Community,
  unitId: number,
  gridIds: readonly number[],
  qi: number,
  count: number,
  seen: Map<CaseSource, SourceSeen>,
): Generator<string> {
  const q = plan.quarters[qi] as Quarter;
  const p = quarterParams(plan, c.index, c.latent, quarterOrdinal(q.year, q.quarter));
  const rng = streamFor(plan.seed, CASE_STREAM, c.index, qi);
  const days = Math.round((q.endMs - q.startMs) / DAY);
  // Work-order numbers: quarter, community, sequence (zero-padded so they sort in load order).
  const idPrefix = `${q.label}-${c.code}-`;
  const asOf = plan.asOfMs;
  for (let k = 0; k < count; k++) {
    // kind and channel
    let kind: CaseKind;
    let channel: CaseChannel;
    let category: string;
    let proactive = false;
    if (rng() < c.latent.serviceShare) {
      kind = "service";
      channel = rng() < p.onlineChannel ? "online" : "window";
      category = pick(rng, SERVICE_CATEGORIES);
    } else if (rng() < p.proactive) {
      kind = "event";
      proactive = true;
      channel = pickWeighted(rng, PROACTIVE);
      category = pick(
        rng,
        channel === "ai_camera"
          ? CAMERA_CATEGORIES
          : channel === "iot_sensor"
            ? SENSOR_CATEGORIES
            : EVENT_CATEGORIES,
      );
    } else if (rng() < 0.82) {
      kind = "appeal";
      channel = pickWeighted(rng, APPEAL_CHANNELS);
      category = pick(rng, APPEAL_CATEGORIES);
    } else {
      kind = "event";
      channel = pickWeighted(rng, RESIDENT_EVENT_CHANNELS);
      category = pick(rng, EVENT_CATEGORIES);
    }

    // reported: the first and last case of each quarter sit exactly on its Shanghai bounds
    let reported: number;
    if (k === 0) reported = q.startMs;
    else if (k === 1) reported = q.endMs - 1000;
    else {
      const hour =
        proactive && channel !== "grid_patrol"
          ? 24 * rng()
          : rng() < 0.85
            ? 7 + 14 * rng()
            : 24 * rng();
      reported = q.startMs + Math.floor(rng() * days) * DAY + Math.floor(hour * 3600) * 1000;
    }

    const deadlineHours =
      DEADLINE_HOURS[category] ?? (channel === "petition" ? 720 : kind === "event" ? 72 : 120);
    const deadline =
      rng() < (kind === "service" ? 0.04 : 0.06) ? null : reported + deadlineHours * HOUR;

    // response
    let responded: number | null;
    if (kind === "appeal") {
      responded =
        rng() < p.neverResponded ? null : logNormal(rng, p.responseMedianMinutes, 0.9) * MINUTE;
    } else if (kind === "event") {
      responded = logNormal(rng, proactive ? 6 : 20, 1) * MINUTE;
    } else {
      responded =
        channel === "window" ? logNormal(rng, 8, 0.6) * MINUTE : logNormal(rng, 90, 1) * MINUTE;
    }
    if (responded !== null)
      responded = reported + Math.max(30_000, Math.round(responded / 1000) * 1000);

    // resolution
    let resolved: number | null = null;
    let late = false;
    if (responded !== null && rng() >= p.unresolved) {
      let hours: number;
      if (kind === "service") hours = Math.max(0.2, logNormal(rng, p.serviceMedianHours, 0.9));
      else if (deadline === null) hours = logNormal(rng, deadlineHours * 0.3, 0.9);
      else if (rng() < p.late) {
        late = true;
        hours = deadlineHours * (1 + 0.02 + exponential(rng, 0.6));
      } else hours = deadlineHours * (0.03 + 0.95 * rng() ** 1.6);
      resolved =
        reported + Math.max(Math.round(hours * 3600) * 1000, responded - reported + MINUTE);
      // an on-time draw can only overrun its deadline through a slow response: then it is late
      if (deadline !== null && !late && resolved > deadline) {
        if (responded + MINUTE <= deadline) resolved = deadline;
        else late = true;
      }
      if (resolved > asOf) resolved = null;
    }
    if (responded !== null && responded > asOf) responded = null;

    const firstPass =
      resolved !== null &&
      rng() < (kind === "service" ? p.firstPassService : p.firstPassOther) * (late ? 0.85 : 1);
    let callback: string = NULL_FIELD;
    let dissatisfied = false;
    if (resolved !== null && rng() < CALLBACK_RATE[kind]) {
      const s = Math.min(0.995, p.callbackSatisfied * (firstPass ? 1.02 : 0.85) * (late ? 0.9 : 1));
      const r = rng();
      callback = r < s * 0.62 ? "satisfied" : r < s ? "basically_satisfied" : "dissatisfied";
      dissatisfied = r >= s;
    }
    const complaint = rng() < p.complaint * (dissatisfied ? 4 : 1) * (responded === null ? 3 : 1);
    const online = kind === "service" && channel === "online" && rng() < 0.94;
    const unit =
      gridIds.length > 0 && rng() < (channel === "grid_patrol" ? 0.85 : 0.3)
        ? (gridIds[intBetween(rng, 0, gridIds.length - 1)] ?? unitId)
        : unitId;

    // the platform pushes the record a few minutes after its last change
    const received =
      Math.max(reported, responded ?? 0, resolved ?? 0) + intBetween(rng, 1, 30) * MINUTE;
    const source = SOURCE_OF[channel];
    const s = seen.get(source);
    if (s === undefined) seen.set(source, { lastReceivedMs: received, maxReportedMs: reported });
    else {
      if (received > s.lastReceivedMs) s.lastReceivedMs = received;
      if (reported > s.maxReportedMs) s.maxReportedMs = reported;
    }
    const receivedText = formatTimestamp(received);
    yield `${source}\t${idPrefix}${String(k + 1).padStart(5, "0")}\t${unit}\t${kind}\t${channel}\t${category}\t${formatTimestamp(reported)}\t${timestampField(responded)}\t${timestampField(resolved)}\t${timestampField(deadline)}\t${firstPass ? "t" : "f"}\t${complaint ? "t" : "f"}\t${online ? "t" : "f"}\t${callback}\t${receivedText}\t${receivedText}\n`;
  }
}
