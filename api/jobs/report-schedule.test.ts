import { type Kysely, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { ADMIN_PASSWORD, seedSmallWorld } from "../../test/accounts.ts";
import { openTestEnv, type TestEnv } from "../../test/stores.ts";
import type { DB } from "../db/database.ts";
import { listReports } from "../reporting/queries/reports.ts";
import { nextRuns } from "./cron.ts";
import {
  enqueueScheduledReports,
  runReportSchedule,
  type ScheduleOutcome,
  startReportSchedule,
} from "./report-schedule.ts";

describe("report schedule (PGlite)", () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await openTestEnv("pglite", { ADMIN_PASSWORD });
    await seedSmallWorld(env);
  });
  afterAll(() => env.close());

  it("queues the previous quarter's drafts for the district (both editions) and each street, once", async () => {
    // 5 January 2027, 02:00 in Shanghai: the drafts of 2026Q4.
    const now = new Date("2027-01-05T02:00:00+08:00");
    const first = await enqueueScheduledReports(env.store.db, now);
    expect(first).toEqual({ period: "2026Q4", queued: 4, existing: 0 });
    const again = await enqueueScheduledReports(env.store.db, now);
    expect(again).toEqual({ period: "2026Q4", queued: 0, existing: 4 });
    const ids = await env.store.db.selectFrom("org_unit").select(["id", "code"]).execute();
    const d1 = ids.find((u) => u.code === "D1")!.id;
    const rows = await listReports(env.store.db, {
      orgUnitId: d1,
      year: 2026,
      quarter: 4,
      limit: 10,
    });
    expect(rows.map((r) => [r.edition, r.status, r.createdBy]).sort()).toEqual([
      ["assessor", "queued", "schedule"],
      ["leadership", "queued", "schedule"],
    ]);
  });

  it("runs the job in this process when the schedule comes round, and not once stopped", async () => {
    // One minute before 5 July 2027 02:00 in Shanghai (drafts of 2027Q2).
    vi.useFakeTimers({
      now: new Date("2027-07-05T01:59:00+08:00"),
      toFake: ["setTimeout", "clearTimeout", "Date"],
    });
    let ran!: (o: ScheduleOutcome) => void;
    const outcome = new Promise<ScheduleOutcome>((r) => (ran = r));
    const schedule = await startReportSchedule({
      db: env.store.db,
      cron: "0 2 5 1,4,7,10 *",
      timeZone: "Asia/Shanghai",
      onQueued: ran,
    });
    try {
      expect(schedule.nextRun()).toEqual(new Date("2027-07-05T02:00:00+08:00"));
      await vi.advanceTimersByTimeAsync(61_000);
    } finally {
      vi.useRealTimers();
    }
    expect(await outcome).toEqual({ period: "2027Q2", queued: 4, existing: 0 });
    expect(schedule.nextRun()).toEqual(nextRuns("0 2 5 1,4,7,10 *", new Date(), 1)[0]);
    await schedule.stop();
    expect(schedule.nextRun()).toBeNull();
  });

  it("retries a failed run with backoff, then reports the failure", async () => {
    let failures = 2;
    const flaky = new Proxy(env.store.db, {
      get(target, prop, receiver) {
        if (prop === "selectFrom" && failures > 0) {
          failures -= 1;
          throw new Error("database unavailable");
        }
        const value = Reflect.get(target, prop, receiver);
        // Kysely keeps private fields: its methods must run on the real instance.
        return typeof value === "function" ? value.bind(target) : value;
      },
    }) as Kysely<DB>;
    const waits: number[] = [];
    const outcome = await runReportSchedule(flaky, {
      now: new Date("2027-04-05T02:00:00+08:00"),
      backoffMs: (k) => {
        waits.push(k);
        return 1;
      },
    });
    expect(outcome).toMatchObject({ period: "2027Q1", queued: 4 });
    expect(waits).toEqual([1, 2]);

    failures = 5;
    await expect(
      runReportSchedule(flaky, { now: new Date("2027-07-05T02:00:00+08:00"), backoffMs: () => 1 }),
    ).rejects.toThrow("database unavailable");
  });
});

describe("the Worker's scheduled handler (PostgreSQL)", () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await openTestEnv("postgres", { ADMIN_PASSWORD });
    await seedSmallWorld(env);
  });
  afterAll(() => env.close());

  it("runs the same job as the Node schedule: the previous quarter's drafts", async () => {
    const { rows } = await sql<{ db: string }>`select current_database() as db`.execute(
      env.store.db,
    );
    const url = new URL(inject("pgUrl"));
    url.pathname = `/${rows[0]!.db}`;
    const pending: Promise<unknown>[] = [];
    const { default: worker } = await import("../worker.ts");
    await worker.scheduled(
      // 02:00 on 5 October 2026 in Shanghai = the cron trigger "0 18 4 1,4,7,10 *" (UTC).
      { scheduledTime: Date.parse("2026-10-04T18:00:00Z"), cron: "0 18 4 1,4,7,10 *" } as never,
      { HYPERDRIVE: { connectionString: url.toString() }, LOG_LEVEL: "silent" } as never,
      { waitUntil: (p: Promise<unknown>) => pending.push(p), passThroughOnException() {} } as never,
    );
    await Promise.all(pending);
    const queued = await env.store.db
      .selectFrom("report")
      .select(["year", "quarter", "edition", "status"])
      .where("created_by", "=", "schedule")
      .execute();
    expect(queued).toHaveLength(4);
    expect(new Set(queued.map((r) => `${r.year}Q${r.quarter} ${r.status}`))).toEqual(
      new Set(["2026Q3 queued"]),
    );
  });
});
