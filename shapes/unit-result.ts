/**
 * A UnitResult (CONTRACT.md `GET /indicators`): one unit's values, scores, statuses, dimension
 * scores, index, grade and rank among its siblings in a quarter, with the survey sample and the
 * shown-but-not-scored figures. The API serves it (and documents it in OpenAPI from this schema),
 * the dashboard and the reports are built from it.
 */
import { z } from "@hono/zod-openapi";
import {
  DIMENSION_DEFS,
  DIMENSIONS,
  type Dimension,
  GRADE_THRESHOLDS,
  INDICATOR_CODES,
  type IndicatorCode,
} from "../metrics/index.ts";
import { CASE_CHANNELS, CASE_KINDS, type CaseChannel, type CaseKind } from "./cases.ts";
import { OrgLevel } from "./org-levels.ts";
import { SurveySampleSummary } from "./survey-stats.ts";

const Num = z.number().nullable();

/** An indicator code of the catalogue (metrics/catalogue.ts). */
export const IndicatorCodeName = z.enum(INDICATOR_CODES as [IndicatorCode, ...IndicatorCode[]]);

/** A grade as the API shows it (INDICATORS.md: ≥ 90 优秀, ≥ 80 良好, ≥ 60 合格, < 60 不合格). */
export const GradeLabel = z.enum(GRADE_THRESHOLDS.map((t) => t.labelZh) as [string, ...string[]]);
export type GradeLabel = z.infer<typeof GradeLabel>;

export const IndicatorResult = z
  .object({
    code: IndicatorCodeName,
    value: Num,
    numerator: Num,
    denominator: Num,
    score: Num,
    status: z.enum(["green", "amber", "red"]).nullable(),
    target: z.number(),
    floor: z.number(),
    previous: Num.openapi({ description: "Value in the previous quarter (环比)" }),
    lastYear: Num.openapi({ description: "Value in the same quarter a year earlier (同比)" }),
  })
  .openapi("IndicatorResult");
export type IndicatorResult = z.infer<typeof IndicatorResult>;

/** Handling hours of the unit's closed cases: median and 90th percentile. */
export const HandlingHours = z.object({ median: Num, p90: Num });
export type HandlingHours = z.infer<typeof HandlingHours>;

// z.object over a key list infers `{[k: string]: …}`; the casts give the keys back their names.
const countsOf = <K extends string>(keys: readonly K[]) =>
  z.object(Object.fromEntries(keys.map((k) => [k, z.number().int()]))) as unknown as z.ZodObject<
    Record<K, z.ZodNumber>
  >;
const dimensionScores = z.object(
  Object.fromEntries(DIMENSIONS.map((d) => [d, z.object({ score: Num })])),
) as unknown as z.ZodObject<Record<Dimension, z.ZodObject<{ score: typeof Num }>>>;

export const UnitResult = z
  .object({
    code: z.string(),
    name: z.string(),
    level: OrgLevel,
    index: Num,
    grade: GradeLabel.nullable(),
    rank: z.number().int().nullable(),
    complete: z.boolean(),
    missing: z
      .array(z.enum(DIMENSIONS))
      .openapi({ description: "Dimensions without a score (why there is no index)" }),
    missingIndicators: z.array(IndicatorCodeName),
    dimensions: dimensionScores,
    indicators: z.array(IndicatorResult),
    survey: SurveySampleSummary,
    handlingHours: HandlingHours,
    counts: z.object({
      byKind: countsOf<CaseKind>(CASE_KINDS),
      byChannel: countsOf<CaseChannel>(CASE_CHANNELS),
    }),
    assessorScore: Num.openapi({
      description:
        "Weighted mean of the assessor's item scores (0–100); null when none is scored (INDICATORS.md)",
    }),
    adjustment: z.number().openapi({
      description: "Bonus minus penalty points, clamped to ± the scheme's cap; 0 when none",
    }),
    total: Num.openapi({
      description:
        "综合得分: (1 − w) × index + w × assessorScore + adjustment, clamped to 0–100 (w = 0: index + adjustment); no index, no total. Grade and rank follow it.",
    }),
    provisional: z.boolean().openapi({
      description:
        "暂定: the scheme has assessor items and the unit's assessment is not signed off (or w > 0 and no assessor score)",
    }),
    official: z
      .literal(true)
      .optional()
      .openapi({ description: "Present on a closed quarter's official figures" }),
    lateCases: z.number().int().optional().openapi({
      description:
        "Official figures only: cases of the unit's subtree and the quarter stored or changed since the close (关账后新到)",
    }),
  })
  .openapi("UnitResult");
export type UnitResult = z.infer<typeof UnitResult>;

/**
 * Why a unit has no total (未参评), in Chinese, or `null` when it has one: no return filed
 * (every indicator that takes figures from the returns has no value), else the dimensions
 * without a score. INDICATORS.md "Rank": unranked units are listed after the ranked ones with the
 * reason.
 */
export function unratedReason(
  u: Pick<UnitResult, "total" | "indicators" | "missing">,
): string | null {
  if (u.total !== null) return null;
  const fromReturns = u.indicators.filter((i) => /^[RP]/.test(i.code));
  if (fromReturns.length > 0 && fromReturns.every((i) => i.value === null)) return "未报送季度填报";
  const names = u.missing.map((d) => DIMENSION_DEFS[d].nameZh).join("、");
  return `数据不足（${names ? `${names}无得分` : "无指数"}）`;
}

/**
 * Units in ranking order: the ranked ones by rank (ties in their given order), then the unranked
 * (未参评) in their given order. For tables and reports; the API keeps the tree's order.
 */
export function inRankOrder<T extends Pick<UnitResult, "rank">>(units: readonly T[]): T[] {
  const ranked = units.filter((u) => u.rank !== null);
  const unranked = units.filter((u) => u.rank === null);
  return [...ranked.sort((a, b) => a.rank! - b.rank!), ...unranked];
}
