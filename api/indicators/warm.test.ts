import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Quarter } from "../../shapes/periods.ts";
import { seedSmallWorld } from "../../test/accounts.ts";
import { defaultSla, eventWriter } from "../../test/fixtures/engine-events.ts";
import { call } from "../../test/http.ts";
import { openTestEnv, STORE_KINDS, type TestEnv } from "../../test/stores.ts";
import { startIndicatorWarmer } from "./warm.ts";

// The background warm-up: after new data arrives, the quarters requests used lately are
// recomputed before anyone asks, and what a request then gets is the new data.

const Q2: Quarter = { year: 2026, quarter: 2 };

describe.each(STORE_KINDS)("indicator warm-up on %s", (kind) => {
  let env: TestEnv;
  let t: Awaited<ReturnType<typeof seedSmallWorld>>;
  let sla = 0;

  /**
   * Events on C11 in 2026Q2 written as another process would (Q2's data version moves; this
   * engine is not told, so it cannot patch: the warm-up is what rebuilds). A batch through this
   * process's API is patched at once instead (fresh.test.ts).
   */
  const ingest = eventWriter(() => env, "warm-test");
  const events = async () => {
    const res = await call(env.baseUrl, "GET", "/api/v1/indicators?period=2026Q2&orgUnit=C11", {
      token: t.admin,
    });
    expect(res.status, res.text).toBe(200);
    return res.body.units[0].counts.byKind.event as number;
  };
  const warmNow = async () => {
    const engine = env.deps.engine;
    return engine.hasFigures(Q2, sla, await engine.state([2026]));
  };

  beforeAll(async () => {
    env = await openTestEnv(kind, { ADMIN_PASSWORD: "admin-pass-369" });
    t = await seedSmallWorld(env);
    sla = await defaultSla(env);
  });
  afterAll(async () => env?.close());

  it("recomputes only the quarters in use whose data changed", async () => {
    const engine = env.deps.engine;
    await ingest(2);
    expect(await events()).toBe(2); // Q2 (and Q1, 2025Q2 for the comparisons) now in use
    const dq = await call(env.baseUrl, "GET", "/api/v1/data-quality?period=2026Q2&orgUnit=S1", {
      token: t.admin,
    });
    expect(dq.status, dq.text).toBe(200);
    expect(await warmNow()).toBe(true);
    expect(await engine.warm(60_000)).toBe(0); // nothing changed
    await ingest(3);
    expect(await warmNow()).toBe(false); // Q2's version moved on
    expect(await engine.warm(60_000)).toBe(0); // noticed; not yet held still for a pass
    await ingest(1);
    expect(await engine.warm(60_000)).toBe(0); // moved again (a bulk load is not chased)
    // Q2's figures, C11's handling-hour percentiles of Q2 and S1's data-quality aggregate of Q2;
    // Q1's and 2025Q2's figures did not change.
    expect(await engine.warm(60_000)).toBe(3);
    expect(await warmNow()).toBe(true);
    expect(await events()).toBe(6); // the request finds the new figures
    // A quarter nobody asked for within the window is left alone.
    await ingest(1);
    expect(await engine.warm(60_000, Date.now() + 120_000)).toBe(0);
    expect(await engine.warm(60_000, Date.now() + 120_000)).toBe(0);
    expect(await warmNow()).toBe(false);
  });

  it("runs on a timer in the background", async () => {
    expect(await events()).toBe(7); // in use again
    const warmer = startIndicatorWarmer({ engine: env.deps.engine, intervalMs: 20 });
    try {
      await ingest(4);
      await vi.waitFor(async () => expect(await warmNow()).toBe(true), {
        timeout: 10_000,
        interval: 25,
      });
      expect(await events()).toBe(11);
    } finally {
      await warmer.stop();
    }
  });
});
