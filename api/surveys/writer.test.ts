import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_PASSWORD, seedSmallWorld } from "../../test/accounts.ts";
import { openTestEnv, STORE_KINDS, type TestEnv } from "../../test/stores.ts";
import { dataVersion } from "../indicators/queries/data-version.ts";
import { findUnitByCode } from "../org-tree/queries.ts";
import type { ResponseWrite } from "./queries.ts";
import { ResponseWriter } from "./writer.ts";

describe.each(STORE_KINDS)("the group-commit writer on %s", (kind) => {
  let env: TestEnv;
  let unitId: number;
  beforeAll(async () => {
    env = await openTestEnv(kind, { ADMIN_PASSWORD });
    await seedSmallWorld(env);
    unitId = (await findUnitByCode(env.store.db, "C11"))!.id;
  });
  afterAll(async () => {
    await env?.close();
  });

  const row = (id: string, orgUnitId = unitId): ResponseWrite => ({
    id,
    surveyId: "satisfaction",
    surveyVersion: 1,
    orgUnitId,
    submittedAt: new Date("2026-08-01T02:00:00Z"),
    mode: "self",
    answers: { overall: 4 },
    score: 75,
    overall: 4,
    ageBand: null,
    comment: null,
    clientHash: null,
    enteredBy: null,
    quarter: { year: 2026, quarter: 3 },
  });

  it("writes a burst in a few transactions, each id once; a bad row fails alone", async () => {
    const writer = new ResponseWriter(env.store.db);
    const before = await dataVersion(env.store.db, { year: 2026, quarter: 3 });
    const ids = Array.from({ length: 300 }, () => crypto.randomUUID());
    const results = await Promise.all([
      ...ids.map((id) => writer.submit(row(id))),
      ...ids.slice(0, 25).map((id) => writer.submit(row(id))), // re-sends within the burst
    ]);
    expect(results.filter((v) => v === true)).toHaveLength(300);
    expect(results.filter((v) => v === false)).toHaveLength(25);
    const bumps = (await dataVersion(env.store.db, { year: 2026, quarter: 3 })) - before;
    expect(bumps).toBeGreaterThanOrEqual(1);
    expect(bumps).toBeLessThanOrEqual(4); // batched: not one transaction per response

    // A row that cannot be stored (no such unit) fails alone; the rest of its batch is stored.
    const more = Array.from({ length: 20 }, () => crypto.randomUUID());
    const mixed = await Promise.allSettled([
      ...more.map((id) => writer.submit(row(id))),
      writer.submit(row(crypto.randomUUID(), 999_999)),
    ]);
    expect(mixed.map((r) => r.status)).toEqual([...more.map(() => "fulfilled"), "rejected"]);
    const stored = await env.store.db
      .selectFrom("survey_response")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(320);
    expect(await writer.submit(row(ids[0]!))).toBe(false); // a later re-send
  });
});
