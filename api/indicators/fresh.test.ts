import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Quarter } from "../../shapes/periods.ts";
import { seedSmallWorld } from "../../test/accounts.ts";
import { defaultSla } from "../../test/fixtures/engine-events.ts";
import { call } from "../../test/http.ts";
import { openTestEnv, STORE_KINDS, type TestEnv } from "../../test/stores.ts";
import { listAllUnits } from "../org-tree/queries.ts";
import { loadQuarterFigures, quarterRange } from "./engine.ts";
import { bumpDataVersions } from "./queries/data-version.ts";
import { handlingHoursBySubtree } from "./queries/handling-hours.ts";
import { figuresOf } from "./values.ts";

// After a batch of cases commits, the engine patches the figures and handling hours requests
// used lately (fresh.ts) instead of rebuilding them from the quarter's cases; what it then
// holds equals a cold rebuild, for every unit, including a case that moves between units and
// across a quarter boundary and an exempt case that changes; so do the handling hours of units
// nobody asked for before the batch.

const Q2: Quarter = { year: 2026, quarter: 2 };
const Q3: Quarter = { year: 2026, quarter: 3 };
const SOURCE = "fresh-test";

/** A case of SOURCE; times in Beijing time. */
function kase(id: string, unit: string, day: string, more: Record<string, unknown> = {}) {
  return {
    source: SOURCE,
    externalId: id,
    orgUnit: unit,
    kind: "service",
    channel: "hotline",
    reportedAt: `${day}T09:00:00+08:00`,
    ...more,
  };
}

/** A varied first batch over C11, C12, C21 and G111 in Q2 and Q3 (and across them). */
function firstBatch() {
  const cases = [];
  const units = ["C11", "C12", "C21", "G111"];
  for (let i = 0; i < 40; i++) {
    const unit = units[i % 4]!;
    const day = i % 3 === 0 ? "2026-05-20" : `2026-08-0${(i % 9) + 1}`;
    const kind = ["service", "event", "appeal"][i % 3]!;
    cases.push(
      kase(`a${i}`, unit, day, {
        kind,
        channel: ["hotline", "app", "grid_patrol", "wechat"][i % 4],
        respondedAt: kind === "appeal" ? `${day}T${i % 2 ? "09:30" : "13:00"}:00+08:00` : null,
        // Some resolved in the next quarter: reported in Q2, resolved in Q3.
        resolvedAt:
          i % 5 === 4
            ? null
            : i % 3 === 0 && i % 2
              ? "2026-07-03T10:15:00+08:00"
              : `${day}T${10 + (i % 7)}:${String((i * 7) % 60).padStart(2, "0")}:00+08:00`,
        deadlineAt: kind === "service" ? null : `${day}T${11 + (i % 4)}:00:00+08:00`,
        firstPass: i % 2 === 0,
        complaint: i % 7 === 0,
        online: i % 3 === 1,
        callback: [null, "satisfied", "basically_satisfied", "dissatisfied"][i % 4],
      }),
    );
  }
  return cases;
}

describe.each(STORE_KINDS)("incremental figures after ingest on %s", (kind) => {
  let env: TestEnv;
  let admin = "";
  let sla = 0;

  const post = async (cases: unknown[]) => {
    const res = await call(env.baseUrl, "POST", "/api/v1/cases/batch", {
      token: admin,
      json: { cases },
    });
    expect(res.status, res.text).toBe(200);
    return res.body as { inserted: number; updated: number; unchanged: number };
  };
  const overview = async (q: Quarter) => {
    const period = `${q.year}Q${q.quarter}`;
    const res = await call(
      env.baseUrl,
      "GET",
      `/api/v1/indicators?period=${period}&orgUnit=D1&children=true`,
      {
        token: admin,
      },
    );
    expect(res.status, res.text).toBe(200);
    return res.body as { units: { code: string; counts: { byKind: { service: number } } }[] };
  };

  /** The engine's figures and hours of `q` equal a cold rebuild for every unit. */
  const expectColdEqual = async (q: Quarter, hoursOf: number[]) => {
    const engine = env.deps.engine;
    const state = await engine.state([q.year - 1, q.year]);
    expect(engine.hasFigures(q, sla, state)).toBe(true); // patched, not rebuilt by this call
    const held = await engine.figures(q, sla, state);
    const cold = await loadQuarterFigures(env.store.db, q, sla);
    const units = await listAllUnits(env.store.db);
    for (const u of units) expect(figuresOf(held, u.id), u.code).toEqual(figuresOf(cold, u.id));
    // The units the overview asked for (patched), then every unit, most never asked before
    // (merged from every unit's own hours, patched too).
    expect(engine.hasHandlingHours(q, state)).toBe(true);
    for (const ids of [hoursOf, units.map((u) => u.id)]) {
      const hours = await engine.handlingHours(q, ids, state);
      const rows = await handlingHoursBySubtree(env.store.db, quarterRange(q), ids);
      expect(hours.size).toBeGreaterThan(0);
      expect(hours).toEqual(new Map(rows.map((r) => [r.unitId, { median: r.median, p90: r.p90 }])));
    }
    return held;
  };

  beforeAll(async () => {
    env = await openTestEnv(kind, { ADMIN_PASSWORD: "admin-pass-369" });
    admin = (await seedSmallWorld(env)).admin;
    sla = await defaultSla(env);
  });
  afterAll(async () => env?.close());

  it("patches the figures in use so that they equal a cold rebuild", async () => {
    const first = await post(firstBatch());
    expect(first.inserted).toBe(40);
    // a4 is exempt (an approved appeal): it leaves every sum, before and after it changes.
    await sql`update case_record set exempt_appeal_id = -1
      where source = ${SOURCE} and external_id = 'a4'`.execute(env.store.db);
    await bumpDataVersions(env.store.db, [Q2, Q3]);
    // The district's overviews of Q2 and Q3 put their figures and hours in use.
    await overview(Q2);
    const before = await overview(Q3);
    const units = await listAllUnits(env.store.db);
    const id = (code: string) => units.find((u) => u.code === code)!.id;
    const hoursOf = ["D1", "S1", "S2"].map(id).sort((a, b) => a - b);

    const second = await post([
      // a0 moves from C11 to C21 and from Q2 (reported 20 May) into Q3, resolved later.
      kase("a0", "C21", "2026-07-02", { resolvedAt: "2026-07-02T15:45:00+08:00" }),
      // a4 (exempt) changes kind and unit: still counts nowhere.
      kase("a4", "C12", "2026-08-05", { kind: "event", resolvedAt: "2026-08-06T09:00:00+08:00" }),
      // a7 changes only its callback; a8 is sent again unchanged.
      { ...firstBatch()[7], callback: "satisfied" },
      firstBatch()[8],
      // New cases, one a service case resolved in Q3 under the grid.
      kase("b1", "G111", "2026-08-10", {
        resolvedAt: "2026-08-11T09:00:00+08:00",
        firstPass: true,
      }),
      kase("b2", "S2", "2026-06-30", { kind: "appeal", respondedAt: "2026-06-30T09:05:00+08:00" }),
    ]);
    expect(second).toMatchObject({ inserted: 2, updated: 3, unchanged: 1 });
    await expectColdEqual(Q2, hoursOf);
    const q3 = await expectColdEqual(Q3, hoursOf);
    expect(figuresOf(q3, id("C21")).cases.reported).toBeGreaterThan(0);

    // A batch of new cases only (copied whole) is patched too, and requests see it.
    await post([kase("c1", "C11", "2026-09-01", { resolvedAt: "2026-09-02T09:00:00+08:00" })]);
    await expectColdEqual(Q3, hoursOf);
    const after = await overview(Q3);
    // Service cases reported in Q3 under D1: a0 moved in, b1 and c1 are new.
    expect(after.units[0]!.counts.byKind.service).toBe(before.units[0]!.counts.byKind.service + 3);
  });
});
