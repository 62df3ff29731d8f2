import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CaseBatch } from "../case-batch.ts";
import { prepareCases, prepareScanned } from "../ingest.ts";
import type { UnitInScope } from "../queries/store.ts";
import { referenceCaseBatch, scanCaseBatch } from "./batch-body.ts";

// The fast reading of POST /cases/batch must give exactly what the reference reading gives:
// the same cases with the same values and positions, the same rejections with the same
// messages. These tests compare the two on random bodies built to hit every rule.

const NOW = Date.UTC(2026, 8, 1, 4, 0, 0);
const UNITS: ReadonlyMap<string, UnitInScope> = new Map([
  ["U1", { id: 11, inScope: true }],
  ["U2", { id: 12, inScope: true }],
  ["OUT", { id: 13, inScope: false }],
]);
const utf8 = (s: string) => new TextEncoder().encode(s);

const cases = (batch: CaseBatch) =>
  Array.from({ length: batch.size }, (_, j) => ({
    position: batch.position[j],
    ...batch.at(j),
  })).sort((a, b) => a.position! - b.position!);

function reference(body: Uint8Array) {
  let records: unknown[];
  try {
    records = referenceCaseBatch(body);
  } catch (err) {
    return { error: (err as Error).message };
  }
  const { batch, rejected } = prepareCases(records, UNITS, NOW);
  return { count: records.length, cases: cases(batch), rejected };
}

function fast(body: Uint8Array) {
  const scan = scanCaseBatch(body, NOW);
  if (scan === null) return null;
  const slow = scan.slow.map((k) => scan.recordAt(k));
  const { batch, rejected } = prepareScanned(scan, slow, UNITS, NOW);
  return { count: scan.count, cases: cases(batch), rejected, slow: scan.slow.length };
}

const oneOf = <T>(...xs: T[]) => fc.constantFrom(...xs);
const text = oneOf(
  "12345",
  "s2",
  "来源甲",
  "",
  'quote"d',
  "back\\slash",
  "tab\there",
  "line\nbreak",
  "\u00e9t\u00e9",
  "😀",
  "\ud800",
  "x".repeat(65),
  "长".repeat(64),
  "长".repeat(65),
);
const time = oneOf(
  "2026-07-01T08:00:00+08:00",
  "2026-07-01T08:00:00.123+08:00",
  "2026-07-01T08:00:00.1234567Z",
  "2026-07-01 08:00:00Z",
  "2026-07-02T00:00:00Z",
  "2026-06-30T23:59:59-05:30",
  "2026-07-01T08:00:00z",
  "2026-07-01T08:00+08:00",
  "2026-07-01T08:00:00+0800",
  "2026-07-01T08:00:00",
  "2026-02-29T08:00:00Z",
  "2024-02-29T08:00:00Z",
  "1999-12-31T23:59:59Z",
  "2026-09-01T04:04:59Z",
  "2026-09-01T04:05:01Z",
  "2099-12-31T23:59:59Z",
  "2100-01-01T00:00:00Z",
  "2026-07-01T08:00:00+15:00",
  "2026-07-01T08:00:00.000Z",
  "2026-07-01T08:00:00.12Z",
  "2026-07-01T08:00:00.1234+08:00",
  "2026-07-01T08:00:00.123+08:00x",
  '2026-07-01T08:00:00Z"',
  "2026-07-01T08:00:00.123Z\\",
  "２０２６-07-01T08:00:00Z",
  "",
);
const value = (...specific: fc.Arbitrary<unknown>[]) =>
  fc.oneof(
    { weight: 6, arbitrary: fc.oneof(...specific) },
    {
      weight: 1,
      arbitrary: oneOf<unknown>(null, true, false, 0, 12.5, -1e3, [], {}, ["x"], { a: 1 }),
    },
  );
const field = {
  source: value(oneOf("12345", "s2"), text),
  externalId: value(oneOf("E1", "E2", "E3", "E4"), text),
  orgUnit: value(oneOf("U1", "U2", "OUT", "NOPE", ""), text),
  kind: value(oneOf("event", "appeal", "service", "Event", "")),
  channel: value(oneOf("hotline", "app", "wechat", "online", "fax")),
  category: value(oneOf("环境卫生", "a\tb", null, ""), text),
  reportedAt: value(time),
  respondedAt: value(time),
  resolvedAt: value(time),
  deadlineAt: value(time),
  firstPass: value(fc.boolean(), oneOf("true")),
  complaint: value(fc.boolean()),
  online: value(fc.boolean()),
  callback: value(oneOf("satisfied", "dissatisfied", "basically_satisfied", "meh", "")),
  note: value(text, fc.jsonValue({ maxDepth: 3 })),
};
/** A good record with up to three fields changed: every rule gets hit one at a time. */
const nearlyGood = fc
  .record({
    externalId: oneOf("E1", "E2", "E3", "E4", "E5", "E6"),
    source: oneOf("12345", "s2"),
    changes: fc.array(
      fc.oneof(...Object.entries(field).map(([name, arb]) => arb.map((v) => [name, v] as const))),
      { maxLength: 3 },
    ),
    drop: fc.option(oneOf("category", "resolvedAt", "firstPass", "reportedAt", "kind")),
  })
  .map(({ externalId, source, changes, drop }) => {
    const r: Record<string, unknown> = {
      source,
      externalId,
      orgUnit: "U1",
      kind: "event",
      channel: "app",
      category: "环境卫生",
      reportedAt: "2026-07-01T08:00:00+08:00",
      respondedAt: "2026-07-01T09:00:00+08:00",
      resolvedAt: "2026-07-02T08:00:00+08:00",
      deadlineAt: "2026-07-05T08:00:00+08:00",
      firstPass: true,
      callback: "satisfied",
    };
    for (const [name, v] of changes) r[name] = v;
    if (drop !== null) delete r[drop];
    return r;
  });
const record = fc.oneof(
  { weight: 24, arbitrary: nearlyGood },
  { weight: 6, arbitrary: fc.record(field, { requiredKeys: [] }) },
  {
    weight: 6,
    // Mostly complete records, so that most of them are good.
    arbitrary: fc.record(field, {
      requiredKeys: ["source", "externalId", "orgUnit", "kind", "channel", "reportedAt"],
    }),
  },
  { weight: 1, arbitrary: oneOf<unknown>(null, 7, "case", [], [{}]) },
);
/** A body as a sender would write it: any spacing, maybe other top-level keys. */
const body = fc
  .record({
    cases: fc.array(record, { maxLength: 25 }),
    indent: oneOf<number | string | undefined>(undefined, 1, "\t", " \r\n"),
    before: fc.option(fc.jsonValue({ maxDepth: 2 })),
    after: fc.option(fc.jsonValue({ maxDepth: 2 })),
    bom: fc.boolean(),
  })
  .map(({ cases, indent, before, after, bom }) => {
    const top: Record<string, unknown> = {};
    if (before !== null) top.meta = before;
    top.cases = cases;
    if (after !== null) top.sent = after;
    // Structural newlines only: JSON.stringify escapes those inside strings.
    const json =
      indent === " \r\n"
        ? JSON.stringify(top, null, 1).replaceAll("\n", " \r\n")
        : JSON.stringify(top, null, indent);
    return (bom ? "\ufeff" : "") + json;
  });

describe("the fast reading of a case batch", () => {
  it("gives what the reference gives, on any body a sender writes", () => {
    fc.assert(
      fc.property(body, (json) => {
        const bytes = utf8(json);
        const got = fast(bytes);
        // A JSON.stringify body is plain JSON: the fast reading must not give up on it.
        expect(got).not.toBeNull();
        const { slow: _, ...rest } = got!;
        expect(rest).toEqual(reference(bytes));
      }),
      { numRuns: 400 },
    );
  });

  it("gives up (and the reference answers) on malformed or unusual bodies", () => {
    fc.assert(
      fc.property(body, fc.nat(), (json, cut) => {
        const bytes = utf8(json).subarray(0, cut % (json.length + 1));
        const got = fast(bytes);
        const want = reference(bytes);
        if (got !== null) {
          const { slow: _, ...rest } = got;
          expect(rest).toEqual(want);
        } else if (!("error" in want)) {
          // Left to the reference: fine, as long as it is valid JSON the fast path declined.
          expect(() => JSON.parse(new TextDecoder().decode(bytes))).not.toThrow();
        }
      }),
      { numRuns: 400 },
    );
    for (const odd of [
      '{"cases":[],"cases":[{}]}',
      '{"ca\\u0073es":[]}',
      '{"cases":{"0":{}}}',
      '{"cases":[{"a":1',
      '{"cases":[01]}',
      '{"cases":["\u0001"]}',
      "[]",
      "",
    ]) {
      expect(fast(utf8(odd)), odd).toBeNull();
    }
  });

  it("reads good records without the reference, and hands odd ones to it", () => {
    const good = {
      source: "12345",
      externalId: "W1",
      orgUnit: "U1",
      kind: "event",
      channel: "app",
      category: "环境卫生",
      reportedAt: "2026-07-01T08:00:00+08:00",
      resolvedAt: "2026-07-02T08:00:00+08:00",
      firstPass: true,
    };
    const json = JSON.stringify({
      cases: [
        good,
        { ...good, externalId: "W2", note: { deep: [1, 2, { x: "\\" }] } },
        { ...good, externalId: "W\\u0033" }, // an escape: left to the reference
        { ...good, externalId: "W4", orgUnit: "OUT" }, // outside the scope: its message
        { ...good, externalId: "W5", text: "a\ud800b" },
      ],
    }).replace("W\\\\u0033", "W\\u0033");
    const got = fast(utf8(json))!;
    expect(got.slow).toBe(1);
    expect(got.cases.map((c) => c.externalId)).toEqual(["W1", "W2", "W3", "W5"]);
    expect(got.rejected).toEqual([
      {
        index: 3,
        externalId: "W4",
        errors: [{ path: "orgUnit", message: "单位 OUT 不在您的管辖范围内" }],
      },
    ]);
    const { slow: _, ...rest } = got;
    expect(rest).toEqual(reference(utf8(json)));
  });

  it("takes the last of a repeated key, as JSON.parse does, times included", () => {
    const good =
      '"source":"s","externalId":"E1","orgUnit":"U1","kind":"event","channel":"app","reportedAt":"2026-07-01T08:00:00Z"';
    const bodies = [
      `{${good},"reportedAt":"2026-07-01 08:00"}`,
      `{"reportedAt":"later","externalId":"E0",${good}}`,
      `{${good},"reportedAt":null}`,
      `{${good},"resolvedAt":"2026-07-02T08:00:00.000Z","resolvedAt":"2026-07-01T07:00:00Z"}`,
      `{${good},"resolvedAt":"2026-07-01T07:00:00Z","resolvedAt":"2026-07-02T08:00:00.000+08:00"}`,
      `{${good},"kind":"appeal","kind":"nope"}`,
    ].map((r) => `{"cases":[${r}]}`);
    for (const json of bodies) {
      const got = fast(utf8(json));
      expect(got, json).not.toBeNull();
      const { slow: _, ...rest } = got!;
      expect(rest, json).toEqual(reference(utf8(json)));
    }
    expect(fast(utf8(bodies[1]!))!.cases.map((c) => c.externalId)).toEqual(["E1"]);
  });

  it("rejects an unpaired surrogate rather than storing a replacement character", () => {
    const json =
      '{"cases":[{"source":"s","externalId":"E\\ud800","orgUnit":"U1","kind":"event","channel":"app","reportedAt":"2026-07-01T08:00:00Z"}]}';
    const got = fast(utf8(json))!;
    expect(got.cases).toEqual([]);
    expect(got.rejected[0]!.errors[0]!.path).toBe("externalId");
    expect(got.rejected[0]!.errors[0]!.message).toContain("surrogate");
  });
});
