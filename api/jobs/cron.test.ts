import { createTask } from "node-cron";
import { describe, expect, it } from "vitest";
import { cronProblem, DEFAULT_REPORT_CRON, nextRuns, parseCron } from "./cron.ts";

const iso = (ds: Date[]) => ds.map((d) => d.toISOString());

describe("nextRuns", () => {
  it("runs the report schedule at 02:00 Shanghai on the 5th after each quarter, across a year end", () => {
    const runs = nextRuns(DEFAULT_REPORT_CRON, new Date("2026-11-23T12:00:00+08:00"), 5);
    expect(iso(runs)).toEqual([
      "2027-01-04T18:00:00.000Z", // 2027-01-05 02:00 +08:00: drafts of 2026Q4
      "2027-04-04T18:00:00.000Z",
      "2027-07-04T18:00:00.000Z",
      "2027-10-04T18:00:00.000Z",
      "2028-01-04T18:00:00.000Z",
    ]);
  });

  it("is strictly after `from`, whatever the UTC date", () => {
    // 2027-01-05 01:59 in Shanghai is still 2027-01-04 in UTC.
    expect(iso(nextRuns(DEFAULT_REPORT_CRON, new Date("2027-01-05T01:59:00+08:00"), 1))).toEqual([
      "2027-01-04T18:00:00.000Z",
    ]);
    expect(iso(nextRuns(DEFAULT_REPORT_CRON, new Date("2027-01-05T02:00:00+08:00"), 1))).toEqual([
      "2027-04-04T18:00:00.000Z",
    ]);
    expect(iso(nextRuns(DEFAULT_REPORT_CRON, new Date("2026-12-31T23:59:00+08:00"), 1))).toEqual([
      "2027-01-04T18:00:00.000Z",
    ]);
  });

  it("agrees with node-cron's own matcher on every run it finds", () => {
    const exprs = [DEFAULT_REPORT_CRON, "*/15 9-17 * * 1-5", "30 3 1 * *", "0 0 29 2 *"];
    for (const expr of exprs) {
      const task = createTask(expr, () => {}, { timezone: "Asia/Shanghai" });
      for (const run of nextRuns(expr, new Date("2027-12-30T00:00:00Z"), 8)) {
        expect(task.match(run), `${expr} at ${run.toISOString()}`).toBe(true);
        // None of these expressions fires two minutes running.
        expect(task.match(new Date(run.getTime() - 60_000))).toBe(false);
      }
      void task.destroy();
    }
  });

  it("reads day of month OR day of week when both are restricted, and Sunday as 0 or 7", () => {
    const runs = nextRuns("0 8 1 * 0", new Date("2026-11-27T00:00:00+08:00"), 3);
    expect(iso(runs)).toEqual([
      "2026-11-29T00:00:00.000Z", // Sunday 29 Nov
      "2026-12-01T00:00:00.000Z", // the 1st
      "2026-12-06T00:00:00.000Z", // Sunday
    ]);
    expect(iso(nextRuns("0 8 * * 7", new Date("2026-11-27T00:00:00+08:00"), 1))).toEqual([
      "2026-11-29T00:00:00.000Z",
    ]);
  });

  it("skips a wall-clock time that does not exist in a daylight-saving zone", () => {
    const runs = nextRuns("30 2 * 3 *", new Date("2027-03-13T00:00:00Z"), 2, "America/New_York");
    // 14 March 2027 02:30 does not exist in New York (clocks jump from 2:00 to 3:00).
    expect(iso(runs)).toEqual(["2027-03-13T07:30:00.000Z", "2027-03-15T06:30:00.000Z"]);
  });

  it("gives nothing for a date that never comes, and rejects malformed expressions", () => {
    expect(nextRuns("0 0 31 2 *", new Date("2026-01-01T00:00:00Z"), 1)).toEqual([]);
    expect(() => parseCron("0 2 5 1,4,7,10")).toThrow(/5 fields/);
    expect(cronProblem("61 * * * *")).toMatch(/minute/);
    expect(cronProblem("0 2 5 13 *")).toMatch(/month/);
    expect(cronProblem(DEFAULT_REPORT_CRON)).toBeNull();
  });
});
