/**
 * The latent story behind each community: a quality level, a trend over the quarters, strengths
 * and weaknesses per facet, and what each of those means for the observable rates. Every
 * generator (cases, returns, survey) reads its probabilities from `quarterParams`, so a
 * community that is slow to respond is slow in its cases, and a declining one declines in all.
 *
 * Quality is on a standard-normal-like scale: 0 lands most indicators in amber, +1.5 in green,
 * −1.5 in red (targets and floors of INDICATORS.md).
 */
import type { DemoPlan } from "./options.ts";
import { clamp, normal, type Rng, sigmoid, streamFor } from "./prng.ts";

export type Archetype =
  | "champion"
  | "slowResponse"
  | "improving"
  | "declining"
  | "lowOnePass"
  | "ordinary";

/** Archetypes by position within a street (the rest ordinary), so every street tells them all. */
const ARCHETYPE_BY_POSITION: readonly Archetype[] = [
  "champion",
  "slowResponse",
  "improving",
  "declining",
  "lowOnePass",
];

/** Per-indicator latent slots; facets group them, each slot adds its own deviation. */
export const SLOTS = [
  "G1",
  "G2",
  "G3",
  "G4",
  "S1",
  "S2",
  "S3",
  "S4",
  "S5",
  "R1",
  "R2",
  "R3",
  "R4",
  "P1",
  "P2",
  "P3",
  "P4",
] as const;
export type Slot = (typeof SLOTS)[number];
const FACET_OF: Record<Slot, number> = {
  G1: 0,
  G2: 0,
  G3: 0,
  G4: 2,
  S1: 1,
  S2: 1,
  S3: 2,
  S4: 1,
  S5: 2,
  R1: 3,
  R2: 3,
  R3: 3,
  R4: 3,
  P1: 4,
  P2: 4,
  P3: 4,
  P4: 4,
};
const FACET_COUNT = 5; // governance, service, satisfaction, resources, participation

export interface Latent {
  archetype: Archetype;
  base: number;
  /** Change of quality from the first quarter to the last (half of it on each side of the middle). */
  trend: number;
  facet: Float64Array;
  slot: Float64Array;
  /** Share of the community's cases that are service applications. */
  serviceShare: number;
}

/** The street at this position within each district is markedly worse than its neighbours. */
export function weakStreetPosition(streetsPerDistrict: number): number {
  return streetsPerDistrict >= 2 ? Math.min(3, streetsPerDistrict - 1) : -1;
}

export function createLatent(rng: Rng, position: number, streetEffect: number): Latent {
  const archetype = ARCHETYPE_BY_POSITION[position % 12] ?? "ordinary";
  const facet = Float64Array.from({ length: FACET_COUNT }, () => 0.45 * normal(rng));
  const slot = Float64Array.from(SLOTS, () => 0.35 * normal(rng));
  // Centred a little above 0 so that, over a district, green, amber and red all occur with
  // amber the most common; the archetypes and the weak street supply the clear reds.
  let base = 0.45 + 0.6 * normal(rng);
  let trend = 0.3 * normal(rng);
  const r = rng();
  if (r < 0.15) trend = 1 + 0.6 * rng();
  else if (r < 0.27) trend = -1 - 0.6 * rng();
  switch (archetype) {
    case "champion":
      base = 1.5 + 0.3 * rng();
      trend = 0.2 * normal(rng);
      break;
    case "slowResponse":
      base = 0.2 + 0.3 * normal(rng);
      facet[0] = -2.4;
      break;
    case "improving":
      base = 0.2 + 0.3 * normal(rng);
      trend = 2.6;
      break;
    case "declining":
      base = 0.5 + 0.3 * normal(rng);
      trend = -2.6;
      break;
    case "lowOnePass":
      facet[1] = -2.2;
      break;
    case "ordinary":
      break;
  }
  return {
    archetype,
    base: base + streetEffect,
    trend,
    facet,
    slot,
    serviceShare: 0.18 + 0.1 * rng(),
  };
}

/** Position of a quarter in time: its ordinal (year × 4 + quarter − 1), possibly fractional. */
export function quarterOrdinal(year: number, quarter: number): number {
  return year * 4 + quarter - 1;
}

export interface QuarterParams {
  /** G1: share of event/appeal cases found through a proactive channel. */
  proactive: number;
  /** G2: probability that an event/appeal case with a deadline is resolved late. */
  late: number;
  /** G3: median minutes to respond to an appeal; share of appeals never responded. */
  responseMedianMinutes: number;
  neverResponded: number;
  /** G4: centre of the five-point answers. */
  satisfactionMean: number;
  /** S1: median hours to resolve a service application. */
  serviceMedianHours: number;
  /** S2: first-pass probability for service cases, and for events/appeals. */
  firstPassService: number;
  firstPassOther: number;
  /** S3: probability that a case is or becomes a complaint. */
  complaint: number;
  /** S4: share of service applications made through the online channel. */
  onlineChannel: number;
  /** S5: probability that a callback is satisfied or basically satisfied. */
  callbackSatisfied: number;
  /** Share of cases left unresolved regardless of time. */
  unresolved: number;
  /** R1: spending pace against time progress (1 = on schedule). */
  fundExecution: number;
  /** R2/R3: approved positions per 10,000 residents, share of them filled. */
  positionsPer10k: number;
  fill: number;
  /** R4: yuan spent per resolved case. */
  unitCost: number;
  /** P1–P4 as shares of the population (P2 of items raised). */
  participation: number;
  consultationResolved: number;
  volunteers: number;
  platformUsers: number;
}

const PARAM_STREAM = 7;

/**
 * The rates of one community in one quarter. `ordinal` may be fractional (mid-year, for the
 * year's budget); integer ordinals add a small per-quarter wobble from the community's stream.
 */
export function quarterParams(
  plan: DemoPlan,
  communityIndex: number,
  latent: Latent,
  ordinal: number,
): QuarterParams {
  const first = plan.quarters[0] as { year: number; quarter: number };
  const last = plan.quarters[plan.quarters.length - 1] as { year: number; quarter: number };
  const o0 = quarterOrdinal(first.year, first.quarter);
  const o1 = quarterOrdinal(last.year, last.quarter);
  const span = Math.max(1, o1 - o0);
  const progress = clamp((ordinal - o0) / span, 0, 1);
  const t = progress - 0.5;
  const wobble = Number.isInteger(ordinal)
    ? streamFor(plan.seed, communityIndex, ordinal, PARAM_STREAM)
    : () => 0.5;
  const facetNow = Array.from(latent.facet, (f) => f + 0.12 * (wobble() * 2 - 1));
  const q = (s: Slot): number =>
    latent.base +
    latent.trend * t +
    (facetNow[FACET_OF[s]] ?? 0) +
    (latent.slot[SLOTS.indexOf(s)] ?? 0);
  return {
    proactive: 0.15 + 0.65 * sigmoid(0.3 + 1.1 * q("G1")),
    late: 0.01 + 0.35 * sigmoid(-1.5 - 1.3 * q("G2")),
    responseMedianMinutes: clamp(Math.exp(Math.log(18) - 0.7 * q("G3")), 2, 600),
    neverResponded: 0.005 + 0.04 * sigmoid(-1 - 1.2 * q("G3")),
    satisfactionMean: clamp(4.15 + 0.4 * q("G4"), 2.2, 4.9),
    serviceMedianHours: clamp(Math.exp(Math.log(28) - 0.75 * q("S1")), 2, 200),
    firstPassService: 0.55 + 0.43 * sigmoid(0.9 + 1.2 * q("S2")),
    firstPassOther: 0.75 + 0.23 * sigmoid(1 + q("S2")),
    complaint: 0.002 + 0.04 * sigmoid(-1.2 - 1.1 * q("S3")),
    onlineChannel: 0.2 + 0.72 * sigmoid(0.2 + q("S4") + 1.2 * t),
    callbackSatisfied: 0.55 + 0.44 * sigmoid(1 + 1.2 * q("S5")),
    unresolved: 0.005 + 0.05 * sigmoid(-2 - q("G2")),
    fundExecution: 0.45 + 0.7 * sigmoid(0.6 + 1.1 * q("R1")),
    positionsPer10k: 13 + 9 * sigmoid(0.3 + q("R2")),
    fill: 0.6 + 0.4 * sigmoid(1 + 1.2 * q("R3")),
    unitCost: 150 + 2400 * sigmoid(-1.4 - 1.3 * q("R4")),
    participation: 0.03 + 0.38 * sigmoid(0.2 + 1.1 * q("P1")),
    consultationResolved: 0.3 + 0.68 * sigmoid(0.6 + 1.2 * q("P2")),
    volunteers: 0.008 + 0.07 * sigmoid(0.1 + 1.1 * q("P3")),
    platformUsers: 0.25 + 0.6 * sigmoid(-0.6 + 0.9 * q("P4") + 1.6 * progress),
  };
}
