import { describe, expect, it } from "vitest";
import * as metrics from "./index.ts";

describe("metrics barrel", () => {
  it.each([
    "competitionRanks",
    "cronbachAlpha",
    "defaultSchemeDefinition",
    "evaluateSiblings",
    "evaluateUnit",
    "fundExecution",
    "goalpostScore",
    "grade",
    "indicatorValue",
    "isSatisfied",
    "mean",
    "meanWithInterval",
    "median",
    "minMaxScores",
    "mulberry32",
    "nearestRankQuantile",
    "overallIndex",
    "perturbedScheme",
    "quantile",
    "rankSensitivity",
    "renormalisedMean",
    "responseScore",
    "roundHalfAwayFromZero",
    "sampleStandardDeviation",
    "sampleVariance",
    "scoreIndicators",
    "status",
    "surveySummary",
    "unitIndex",
    "wilsonInterval",
    "zScoreScores",
  ])("re-exports %s", (name) => {
    expect(typeof (metrics as Record<string, unknown>)[name]).toBe("function");
  });

  it("re-exports the catalogue data", () => {
    expect(metrics.INDICATOR_CODES).toHaveLength(17);
    expect(Object.keys(metrics.DIMENSION_DEFS)).toEqual(metrics.DIMENSIONS);
    expect(metrics.GRADE_THRESHOLDS).toHaveLength(4);
  });
});
