import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CALLBACK_VERDICTS, CASE_CHANNELS, CASE_KINDS } from "../../db/tables/case-record.ts";
import { CaseBatch, type CaseWrite } from "../case-batch.ts";
import { contentHash } from "./hash.ts";

const hashOf = (c: CaseWrite) => {
  const batch = new CaseBatch();
  batch.add(c, 0);
  const out = new Int32Array(2);
  contentHash(batch, 0, out);
  return [out[0]!, out[1]!];
};

const time = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 11, 31) });
const caseWrite = fc.record({
  source: fc.string(),
  externalId: fc.string(),
  orgUnitId: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  kind: fc.constantFrom(...CASE_KINDS),
  channel: fc.constantFrom(...CASE_CHANNELS),
  category: fc.option(fc.string({ maxLength: 64 })),
  reportedAt: time,
  respondedAt: fc.option(time),
  resolvedAt: fc.option(time),
  deadlineAt: fc.option(time),
  firstPass: fc.boolean(),
  complaint: fc.boolean(),
  online: fc.boolean(),
  callback: fc.option(fc.constantFrom(...CALLBACK_VERDICTS)),
}) satisfies fc.Arbitrary<CaseWrite>;

describe("contentHash", () => {
  it("changes when anything but the identity changes, and only then", () => {
    fc.assert(
      fc.property(caseWrite, caseWrite, fc.string(), fc.string(), (a, b, source, externalId) => {
        // The identity is not part of the content.
        expect(hashOf({ ...a, source, externalId })).toEqual(hashOf(a));
        // Each other field alone, taken from another case, changes the hash when it differs.
        for (const k of Object.keys(a) as (keyof CaseWrite)[]) {
          if (k === "source" || k === "externalId") continue;
          const c = { ...a, [k]: b[k] } as CaseWrite;
          if (c[k] === a[k]) continue;
          expect(hashOf(c), k).not.toEqual(hashOf(a));
        }
      }),
      { numRuns: 2000 },
    );
    // Absent and empty are different categories; a time is not its neighbour's.
    const a = fc.sample(caseWrite, { seed: 369, numRuns: 1 })[0]!;
    expect(hashOf({ ...a, category: null })).not.toEqual(hashOf({ ...a, category: "" }));
    expect(hashOf({ ...a, resolvedAt: null })).not.toEqual(hashOf({ ...a, resolvedAt: 0 }));
    expect(hashOf({ ...a, deadlineAt: a.reportedAt })).not.toEqual(
      hashOf({ ...a, deadlineAt: a.reportedAt + 1 }),
    );
  });

  it("is the function the stored hashes were made with (changing it needs a migration)", () => {
    // case_record.content_hash holds values of this exact function: if this expectation has to
    // change, add a migration that sets content_hash to null (see case-hash.ts).
    const pinned: CaseWrite = {
      source: "12345",
      externalId: "W00000001",
      orgUnitId: 42,
      kind: "appeal",
      channel: "grid_patrol",
      category: "环境卫生",
      reportedAt: Date.UTC(2026, 6, 1, 0, 30),
      respondedAt: Date.UTC(2026, 6, 1, 0, 40),
      resolvedAt: null,
      deadlineAt: Date.UTC(2026, 6, 4),
      firstPass: true,
      complaint: false,
      online: true,
      callback: "basically_satisfied",
    };
    expect(hashOf(pinned)).toEqual(PINNED);
  });
});

const PINNED = [-1163779024, 411325463];
