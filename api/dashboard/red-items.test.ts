import { describe, expect, it } from "vitest";
import { INDICATOR_CODES, type IndicatorCode } from "../../metrics/index.ts";
import type { UnitRef } from "../org-tree/queries.ts";
import type { History, UnitQuarter } from "./history.ts";
import { redItems } from "./red-items.ts";

const unit = (id: number, code: string): UnitRef => ({
  id,
  code,
  name: `单位${code}`,
  level: "community",
  parentId: 1,
  urban: true,
});

/** A unit-quarter whose every score is 100 except the ones given. */
function uq(scores: Partial<Record<IndicatorCode, number | null>>): UnitQuarter {
  const all = Object.fromEntries(
    INDICATOR_CODES.map((c) => [c, scores[c] === undefined ? 100 : scores[c]]),
  );
  return {
    index: null,
    grade: null,
    dimensions: { governance: null, service: null, resources: null, participation: null },
    values: all as Record<IndicatorCode, number | null>,
    scores: all as Record<IndicatorCode, number | null>,
  };
}

const targets = Object.fromEntries(INDICATOR_CODES.map((c) => [c, 1])) as Record<
  IndicatorCode,
  number
>;
const a = unit(10, "A");
const b = unit(11, "B");

function history(rows: [string, [UnitRef, UnitQuarter][]][]): History {
  return new Map(rows.map(([p, units]) => [p, new Map(units.map(([u, e]) => [u.id, e]))]));
}

describe("redItems", () => {
  it("counts the quarters in a row a red indicator has been red, and flags the newly red", () => {
    const h = history([
      [
        "2026Q1",
        [
          [a, uq({ G1: 10 })],
          [b, uq({})],
        ],
      ],
      [
        "2026Q2",
        [
          [a, uq({ G1: 20 })],
          [b, uq({ S1: 70 })],
        ],
      ],
      [
        "2026Q3",
        [
          [a, uq({ G1: 30, P2: 59.99 })],
          [b, uq({ S1: 0 })],
        ],
      ],
    ]);
    const items = redItems(h, [a, b], { year: 2026, quarter: 3 }, targets);
    expect(items.map((i) => [i.unitCode, i.code, i.score, i.runningQuarters, i.newlyRed])).toEqual([
      ["B", "S1", 0, 1, true],
      ["A", "G1", 30, 3, false],
      ["A", "P2", 59.99, 1, true],
    ]);
    expect(items[0]?.previousStatus).toBe("amber");
    expect(items[1]?.href).toBe("/dashboard/A?period=2026Q3");
  });

  it("ends a run at a quarter without a value or outside the history, and treats no value as not red", () => {
    const h = history([
      ["2026Q1", [[a, uq({ G1: 10 })]]],
      ["2026Q2", [[a, uq({ G1: null })]]],
      ["2026Q3", [[a, uq({ G1: 5, G2: null })]]],
    ]);
    const items = redItems(h, [a], { year: 2026, quarter: 3 }, targets);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      code: "G1",
      runningQuarters: 1,
      newlyRed: true,
      previousStatus: null,
    });
    expect(redItems(h, [a], { year: 2027, quarter: 1 }, targets)).toEqual([]);
  });

  it("orders equal scores by unit code, then catalogue order", () => {
    const h = history([
      [
        "2026Q3",
        [
          [b, uq({ S2: 0, G1: 0 })],
          [a, uq({ P4: 0 })],
        ],
      ],
    ]);
    const items = redItems(h, [b, a], { year: 2026, quarter: 3 }, targets);
    expect(items.map((i) => `${i.unitCode}${i.code}`)).toEqual(["AP4", "BG1", "BS2"]);
  });
});
