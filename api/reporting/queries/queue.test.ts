import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_PASSWORD, seedSmallWorld } from "../../../test/accounts.ts";
import { openTestEnv, STORE_KINDS, type TestEnv } from "../../../test/stores.ts";
import {
  claimReport,
  failAbandonedReports,
  pendingReports,
  retryReport,
  setReportProgress,
} from "./queue.ts";
import { getReport, insertReport } from "./reports.ts";

describe.each(STORE_KINDS)("report queue statements on %s", (kind) => {
  let env: TestEnv;
  let unitId: number;
  beforeAll(async () => {
    env = await openTestEnv(kind, { ADMIN_PASSWORD });
    await seedSmallWorld(env);
    const row = await env.store.db
      .selectFrom("org_unit")
      .select("id")
      .where("code", "=", "S1")
      .executeTakeFirstOrThrow();
    unitId = row.id;
  });
  afterAll(() => env.close());

  const queue = async (maxAttempts = 3) => {
    const id = crypto.randomUUID();
    await insertReport(env.store.db, {
      id,
      orgUnitId: unitId,
      year: 2026,
      quarter: 3,
      edition: "leadership",
      schemeId: "369-default",
      scopeUnitId: null,
      createdBy: "test",
      maxAttempts,
    });
    return id;
  };
  // The database stamps not_before in microseconds; a JS Date made in the same millisecond can
  // sort before it. Claim "a moment later" so a just-queued report is always due.
  const soon = () => new Date(Date.now() + 1000);
  const age = (id: string, ms: number) =>
    sql`update report set heartbeat_at = now() - make_interval(secs => ${ms / 1000}) where id = ${id}`.execute(
      env.store.db,
    );

  it("takes over a report whose process stopped renewing its lease, and fails it when out of attempts", async () => {
    const id = await queue(2);
    const first = await claimReport(env.store.db, soon(), 60_000);
    expect(first).toMatchObject({ id, attempts: 1 });
    // Lease renewed: nobody else may take it.
    await setReportProgress(env.store.db, id, 0.4);
    expect(await claimReport(env.store.db, new Date(), 60_000)).toBeUndefined();
    expect((await getReport(env.store.db, id))?.progress).toBeCloseTo(0.4);
    // The process dies: after the lease the report is taken over (second attempt)…
    await age(id, 120_000);
    expect(await claimReport(env.store.db, new Date(), 60_000)).toMatchObject({ id, attempts: 2 });
    // …and when that one dies too, no attempt is left: it fails with the reason.
    await age(id, 120_000);
    expect(await claimReport(env.store.db, new Date(), 60_000)).toBeUndefined();
    expect(await failAbandonedReports(env.store.db, new Date(), 60_000)).toBe(1);
    const failed = await getReport(env.store.db, id);
    expect(failed).toMatchObject({ status: "failed", attempts: 2 });
    expect(failed?.error).toMatch(/interrupted 2 times/);
  });

  it("holds a retried report back until its backoff has passed", async () => {
    const id = await queue();
    await claimReport(env.store.db, soon(), 60_000);
    await retryReport(env.store.db, id, "boom", new Date(Date.now() + 60_000));
    expect(await claimReport(env.store.db, new Date(), 60_000)).toBeUndefined();
    expect(await pendingReports(env.store.db)).toEqual({ due: 0, later: 1 });
    expect(await claimReport(env.store.db, new Date(Date.now() + 61_000), 60_000)).toMatchObject({
      id,
      attempts: 2,
    });
  });
});
