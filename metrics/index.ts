/**
 * Pure indicator maths for Scorecard 369: catalogue, values, scores, aggregation, ranks,
 * normalisation, statistics, intervals, surveys and rank sensitivity. No I/O, no dates, no locale.
 *
 * Source: INDICATORS.md; seed 000 §六 成效评估与持续改进.
 */

export * from "./aggregate.ts";
export * from "./catalogue.ts";
export * from "./display.ts";
export * from "./evaluate.ts";
export * from "./intervals.ts";
export * from "./normalise.ts";
export * from "./rank.ts";
export * from "./sample-size.ts";
export * from "./scheme.ts";
export * from "./score.ts";
export * from "./sensitivity.ts";
export * from "./statistics.ts";
export * from "./survey.ts";
export * from "./total.ts";
export * from "./value.ts";
