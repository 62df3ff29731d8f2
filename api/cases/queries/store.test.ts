import fc from "fast-check";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_PASSWORD, seedSmallWorld } from "../../../test/accounts.ts";
import { plainCase } from "../../../test/fixtures/cases.ts";
import { openTestEnv, STORE_KINDS, type TestEnv } from "../../../test/stores.ts";
import { CALLBACK_VERDICTS, CASE_CHANNELS, CASE_KINDS } from "../../db/tables/case-record.ts";
import type { CaseChanges, OnCaseChanges } from "../../indicators/case-changes.ts";
import { CaseBatch, type CaseWrite } from "../case-batch.ts";
import { storeCases } from "./store.ts";

// storeCases on both stores: what the COPY encoder writes reads back as sent, and the paths
// (straight COPY, COPY that meets a stored case and falls back, staged merge) count exactly.

/** Epoch milliseconds, whole, as validate.ts gives them. */
const time = (min: number, max: number) => fc.integer({ min, max });
const JULY = Date.UTC(2026, 6, 1);
const caseWrite = (unitIds: number[]) =>
  fc.record({
    source: fc.constantFrom("s1", "来源", "a\\b\tc"),
    externalId: fc.string({ minLength: 1, maxLength: 20, unit: "grapheme" }),
    orgUnitId: fc.constantFrom(...unitIds),
    kind: fc.constantFrom(...CASE_KINDS),
    channel: fc.constantFrom(...CASE_CHANNELS),
    category: fc.option(
      fc.string({ maxLength: 64, unit: "grapheme" }).filter((s) => !s.includes("\u0000")),
    ),
    reportedAt: time(Date.UTC(2000, 0, 1), JULY),
    respondedAt: fc.option(time(JULY, JULY + 86_400_000)),
    resolvedAt: fc.option(time(JULY, JULY + 9 * 86_400_000)),
    deadlineAt: fc.option(time(Date.UTC(2000, 0, 1), Date.UTC(2099, 11, 31))),
    firstPass: fc.boolean(),
    complaint: fc.boolean(),
    online: fc.boolean(),
    callback: fc.option(fc.constantFrom(...CALLBACK_VERDICTS)),
  }) satisfies fc.Arbitrary<CaseWrite>;

describe.each(STORE_KINDS)("storeCases on %s", (kind) => {
  let env: TestEnv;
  let unitIds: number[];

  const read = async (source: string) =>
    (
      await sql<{
        source: string;
        externalId: string;
        orgUnitId: number;
        kind: string;
        channel: string;
        category: string | null;
        reportedAt: Date;
        respondedAt: Date | null;
        resolvedAt: Date | null;
        deadlineAt: Date | null;
        firstPass: boolean;
        complaint: boolean;
        online: boolean;
        callback: string | null;
      }>`select source, external_id as "externalId", org_unit_id as "orgUnitId", kind, channel,
          category, reported_at as "reportedAt", responded_at as "respondedAt",
          resolved_at as "resolvedAt", deadline_at as "deadlineAt", first_pass as "firstPass",
          complaint, online, callback
        from case_record where source = ${source}`.execute(env.store.db)
    ).rows.map((r) => ({
      ...r,
      reportedAt: r.reportedAt.getTime(),
      respondedAt: r.respondedAt?.getTime() ?? null,
      resolvedAt: r.resolvedAt?.getTime() ?? null,
      deadlineAt: r.deadlineAt?.getTime() ?? null,
    }));
  const batchOf = (cases: readonly CaseWrite[]) => {
    const batch = new CaseBatch();
    cases.forEach((c, i) => {
      batch.add(c, i);
    });
    return batch;
  };
  const byId = <T extends { externalId: string }>(xs: T[]) =>
    [...xs].sort((a, b) => (a.externalId < b.externalId ? -1 : 1));
  /** What storeCases answers for a batch with nothing out of scope. */
  const counts = (inserted: number, updated: number, unchanged: number) => ({
    inserted,
    updated,
    unchanged,
    outOfScope: [],
  });
  /** A plain case of `source` under the first unit, reported in July. */
  const plainOf = (source: string, externalId: string, over: Partial<CaseWrite> = {}) =>
    plainCase({ source, externalId, orgUnitId: unitIds[0]!, ...over });

  beforeAll(async () => {
    env = await openTestEnv(kind, { ADMIN_PASSWORD });
    await seedSmallWorld(env);
    unitIds = (await sql<{ id: number }>`select id from org_unit`.execute(env.store.db)).rows.map(
      (r) => r.id,
    );
  });
  afterAll(async () => env?.close());

  it("stores what it is given, byte for byte (text escapes, Chinese, times), and re-sends as unchanged", async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(caseWrite(unitIds), { maxLength: 30, selector: (c) => c.externalId }),
        async (drawn) => {
          const source = `rt${run++}`;
          const cases = drawn.map((c) => ({ ...c, source: `${source}${c.source}` }));
          const first = await storeCases(env.store, batchOf(cases), null);
          expect(first).toEqual(counts(cases.length, 0, 0));
          const stored = (
            await Promise.all([...new Set(cases.map((c) => c.source))].map(read))
          ).flat();
          expect(byId(stored)).toEqual(byId(cases));
          const again = await storeCases(env.store, batchOf(cases), null);
          expect(again).toEqual(counts(0, 0, cases.length));
        },
      ),
      { numRuns: kind === "pglite" ? 15 : 25 },
    );
  });

  it("updates changed cases (their hash follows), counts the rest unchanged, then all unchanged", async () => {
    let run = 0;
    const change = fc.constantFrom(
      (c: CaseWrite) => ({ ...c, orgUnitId: unitIds.find((u) => u !== c.orgUnitId)! }),
      (c: CaseWrite) => ({ ...c, kind: c.kind === "event" ? "appeal" : "event" }) as CaseWrite,
      (c: CaseWrite) => ({ ...c, category: c.category === null ? "新类别" : null }),
      (c: CaseWrite) => ({ ...c, reportedAt: c.reportedAt - 1 }),
      (c: CaseWrite) => ({ ...c, resolvedAt: c.resolvedAt === null ? JULY + 1 : null }),
      (c: CaseWrite) => ({ ...c, deadlineAt: (c.deadlineAt ?? JULY) + 1000 }),
      (c: CaseWrite) => ({ ...c, firstPass: !c.firstPass }),
      (c: CaseWrite) => ({ ...c, online: !c.online }),
      (c: CaseWrite) =>
        ({
          ...c,
          callback: c.callback === "satisfied" ? "dissatisfied" : "satisfied",
        }) as CaseWrite,
    );
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(caseWrite(unitIds), {
          minLength: 1,
          maxLength: 25,
          selector: (c) => c.externalId,
        }),
        fc.array(fc.tuple(fc.nat(), change), { maxLength: 8 }),
        async (drawn, changes) => {
          const source = `up${run++}`;
          const cases = drawn.map((c) => ({ ...c, source }));
          await storeCases(env.store, batchOf(cases), null);
          const sent = [...cases];
          const changed = new Set<number>();
          for (const [at, f] of changes) {
            const i = at % sent.length;
            sent[i] = f(sent[i]!);
            changed.add(i);
          }
          // A change undone by a later one is no change.
          const differ = [...changed].filter(
            (i) => JSON.stringify(sent[i]) !== JSON.stringify(cases[i]),
          ).length;
          expect(await storeCases(env.store, batchOf(sent), null)).toEqual(
            counts(0, differ, sent.length - differ),
          );
          expect(byId(await read(source))).toEqual(byId(sent));
          expect(await storeCases(env.store, batchOf(sent), null)).toEqual(
            counts(0, 0, sent.length),
          );
        },
      ),
      { numRuns: kind === "pglite" ? 15 : 25 },
    );
  });

  it("compares in full, and writes nothing, for cases stored without a content hash", async () => {
    const base = (externalId: string) =>
      plainOf("nohash", externalId, {
        kind: "service",
        channel: "window",
        category: "办证",
        respondedAt: JULY + 60_000,
        firstPass: true,
        online: true,
      });
    const cases = ["N1", "N2", "N3"].map(base);
    await storeCases(env.store, batchOf(cases), null);
    // As the demo generator or a row from before the hash column leaves them.
    await sql`update case_record set content_hash = null, updated_at = '2026-01-01Z'
      where source = 'nohash'`.execute(env.store.db);
    expect(await storeCases(env.store, batchOf(cases), null)).toEqual(counts(0, 0, 3));
    const untouched = await sql<{ n: number }>`select count(*) as n from case_record
      where source = 'nohash' and content_hash is null and updated_at = '2026-01-01Z'`.execute(
      env.store.db,
    );
    expect(Number(untouched.rows[0]!.n)).toBe(3);
    const edited = [cases[0]!, { ...cases[1]!, category: "户籍" }, cases[2]!];
    expect(await storeCases(env.store, batchOf(edited), null)).toEqual(counts(0, 1, 2));
    expect(byId(await read("nohash"))).toEqual(byId(edited));
    // The updated case now carries its hash: a re-send stops at the hashes.
    expect(await storeCases(env.store, batchOf(edited), null)).toEqual(counts(0, 0, 3));
  });

  it("counts exactly when a stored case hides from the sample and the straight COPY falls back", async () => {
    const base = (externalId: string) => plainOf("hide", externalId);
    // Slot 1 of 40 is not among the 16 sampled slots (0, 3, 5, …, 39).
    await storeCases(env.store, batchOf([base("H01"), base("H02")]), null);
    const cases = Array.from({ length: 40 }, (_, i) => base(`H${String(i).padStart(2, "0")}`));
    cases[2] = { ...cases[2]!, category: "changed" };
    expect(await storeCases(env.store, batchOf(cases), null)).toEqual(counts(38, 1, 1));
    expect(await read("hide")).toHaveLength(40);
  });

  it("builds the engine's changes only while the listener wants them", async () => {
    const heard: CaseChanges[] = [];
    const listener = (wanted: boolean): OnCaseChanges => ({
      wanted: () => wanted,
      heard: (c) => heard.push(c),
    });
    const cases = ["L1", "L2"].map((id) => plainOf("listen", id));
    await storeCases(env.store, batchOf(cases), null, undefined, listener(false));
    expect(heard).toEqual([]);
    const edited = [{ ...cases[0]!, category: "改" }, plainOf("listen", "L3")];
    await storeCases(env.store, batchOf(edited), null, undefined, listener(true));
    expect(heard).toHaveLength(1);
    // L1's stored version leaves (−1) and its edit enters (+1); L3 is new (+1).
    expect([...heard[0]!.facts.w].sort()).toEqual([-1, 1, 1]);
    expect(heard[0]!.bumped).toEqual(["2026Q3"]);
  });
});
