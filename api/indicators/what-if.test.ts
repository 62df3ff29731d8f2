import { describe, expect, it } from "vitest";
import { defaultSchemeDefinition } from "../../metrics/index.ts";
import { Invalid } from "../errors.ts";
import { applyWhatIf } from "./what-if.ts";

describe("applyWhatIf", () => {
  it("changes nothing and notes nothing without changes", () => {
    const { scheme, notes } = applyWhatIf(defaultSchemeDefinition(), {});
    expect(scheme).toEqual(defaultSchemeDefinition());
    expect(notes).toEqual([]);
  });

  it("renormalises a weight set that no longer sums to 100, and says so", () => {
    const { scheme, notes } = applyWhatIf(defaultSchemeDefinition(), {
      weights: { indicators: { G1: 45 }, dimensions: { resources: 10 } },
    });
    // governance 45 + 25 + 20 + 30 = 120 → ×100/120
    expect(scheme.indicators.G1.weight).toBeCloseTo(37.5, 12);
    expect(scheme.indicators.G4.weight).toBeCloseTo(25, 12);
    // dimensions 30 + 30 + 10 + 20 = 90 → ×100/90
    expect(scheme.dimensions.resources.weight).toBeCloseTo(100 / 9, 12);
    expect(notes).toEqual([
      "Indicator weights of governance (G1, G2, G3, G4) summed to 120; renormalised to 100.",
      "Dimension weights summed to 90; renormalised to 100.",
    ]);
  });

  it("keeps the other goalpost when only one is given, and takes method changes", () => {
    const { scheme } = applyWhatIf(defaultSchemeDefinition(), {
      targets: { R4: { floor: 2000 } },
      normalisation: "zscore",
      aggregation: "geometric",
    });
    expect(scheme.indicators.R4).toMatchObject({ target: 300, floor: 2000 });
    expect(scheme.method).toEqual({ normalisation: "zscore", aggregation: "geometric" });
  });

  it("throws Invalid naming unknown codes, wrong-way goalposts and empty weight sets", () => {
    let caught: unknown;
    try {
      applyWhatIf(defaultSchemeDefinition(), {
        weights: { indicators: { X1: 1, P1: 0, P2: 0, P3: 0, P4: 0 }, dimensions: { foo: 1 } },
        targets: { G2: { target: 60 }, Y2: {} },
      });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(Invalid);
    const paths = (caught as Invalid).errors.map((e) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        "body.weights.indicators.X1",
        "body.weights.dimensions.foo",
        "body.targets.G2",
        "body.targets.Y2",
        "body.weights.indicators",
      ]),
    );
  });
});
