import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Quarter } from "../../shapes/periods.ts";
import { ADMIN_PASSWORD, seedSmallWorld } from "../../test/accounts.ts";
import { defaultSla, eventPusher } from "../../test/fixtures/engine-events.ts";
import { call } from "../../test/http.ts";
import { openTestEnv, STORE_KINDS, type TestEnv } from "../../test/stores.ts";
import { prepareStore } from "../boot.ts";
import { loadConfig } from "../config.ts";
import { createLogger } from "../logger.ts";
import { IndicatorEngine } from "./engine.ts";
import { deserializeFigures, FIGURES_FORMAT, serializeFigures } from "./figures-store.ts";

// Whole-tree figures stored in the database: computed once per data version by whichever
// process asks first, read by the others (a Worker, a second Node process) without rescanning.

const Q2: Quarter = { year: 2026, quarter: 2 };

describe.each(STORE_KINDS)("stored quarter figures on %s", (kind) => {
  let env: TestEnv;
  let t: Awaited<ReturnType<typeof seedSmallWorld>>;
  let sla = 0;

  /** Events on C11 in 2026Q2 through the API (which moves Q2's data version). */
  const ingest = eventPusher(
    () => env,
    () => t.admin,
    "store-test",
  );
  /** C11's events in 2026Q2 as a process that has cached nothing yet sees them. */
  async function eventsSeenByAnotherProcess() {
    const engine = new IndicatorEngine(env.store.db);
    const state = await engine.state([2026]);
    const tree = await engine.tree(state);
    const figures = await engine.figures(Q2, sla, state);
    return figures.units.get(tree.byCode.get("C11")!.id)?.cases.byKind.event ?? 0;
  }
  const storedRows = () =>
    env.store.db.selectFrom("quarter_figures").select(["cache_key", "period"]).execute();

  beforeAll(async () => {
    env = await openTestEnv(kind, { ADMIN_PASSWORD });
    t = await seedSmallWorld(env);
    sla = await defaultSla(env);
  });
  afterAll(async () => env?.close());

  it("reads what another process computed, until the data version moves", async () => {
    await ingest(2);
    const res = await call(env.baseUrl, "GET", "/api/v1/indicators?period=2026Q2&orgUnit=C11", {
      token: t.admin,
    });
    expect(res.body.units[0].counts.byKind.event).toBe(2);
    expect((await storedRows()).filter((r) => r.period === "2026Q2")).toHaveLength(1);

    // The raw cases vanish behind the versions' back: a fresh engine still answers from the
    // stored figures, which proves it did not rescan.
    await env.store.db.deleteFrom("case_record").execute();
    expect(await eventsSeenByAnotherProcess()).toBe(2);

    // An ingest moves Q2's version: the app's engine patches the figures it holds with the
    // batch (fresh.ts) and stores them under the new version, replacing the old row; another
    // process reads them (2 + 1) without rescanning the cases (still gone behind its back).
    const [old] = (await storedRows()).filter((r) => r.period === "2026Q2");
    await ingest(1);
    await vi.waitFor(async () => {
      const rows = (await storedRows()).filter((r) => r.period === "2026Q2");
      expect(rows.map((r) => r.cache_key)).not.toEqual([old!.cache_key]);
    });
    expect(await eventsSeenByAnotherProcess()).toBe(3);
    const q2 = (await storedRows()).filter((r) => r.period === "2026Q2");
    expect(q2).toHaveLength(1);
    expect(q2[0]!.cache_key.startsWith(`fig${FIGURES_FORMAT}|2026Q2|`)).toBe(true);
  });

  it("round-trips the figures exactly and is cleared at start", async () => {
    const engine = new IndicatorEngine(env.store.db);
    const figures = await engine.figures(Q2, sla, await engine.state([2026]));
    expect(deserializeFigures(serializeFigures(figures))).toEqual(figures);
    const other = JSON.stringify({ ...JSON.parse(serializeFigures(figures)), format: 0 });
    expect(deserializeFigures(other)).toBeNull();

    expect((await storedRows()).length).toBeGreaterThan(0);
    const config = loadConfig({ SEED_DEMO: "0", LOG_LEVEL: "silent" });
    await prepareStore(env.store, config, createLogger("silent"));
    expect(await storedRows()).toEqual([]);
  });
});
