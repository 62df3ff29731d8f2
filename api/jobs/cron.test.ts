import { describe, expect, it } from "vitest";
import { cronProblem, DEFAULT_REPORT_CRON, nextRuns } from "./cron.ts";

const iso = (ds: Date[]) => ds.map((d) => d.toISOString());
const HOUR = 3600_000;

/**
 * An independent reading of a five-field expression of numbers, lists and ranges (and `*`, `*\/n`)
 * in Shanghai, which is UTC+8 all year: walk minute by minute and test each field. Both day fields
 * restricted means either one (Vixie cron).
 */
function bruteForce(expr: string, from: Date, n: number): Date[] {
  const [mi, h, dom, mo, dow] = expr.split(" ").map((f, i) => {
    const [lo, hi] = [
      [0, 59],
      [0, 23],
      [1, 31],
      [1, 12],
      [0, 6],
    ][i]!;
    const set = new Set<number>();
    for (const part of f.split(",")) {
      const [range, step = "1"] = part.split("/");
      const [a, b] = range === "*" ? [lo!, hi!] : range!.split("-").map(Number);
      for (let v = a!; v <= (b ?? a!); v += Number(step)) set.add(v);
    }
    return { set, any: f === "*" };
  }) as { set: Set<number>; any: boolean }[];
  const out: Date[] = [];
  for (let t = Math.floor(from.getTime() / 60_000 + 1) * 60_000; out.length < n; t += 60_000) {
    const l = new Date(t + 8 * HOUR);
    const d = dom!.set.has(l.getUTCDate());
    const w = dow!.set.has(l.getUTCDay());
    const day = dom!.any && dow!.any ? true : dom!.any ? w : dow!.any ? d : d || w;
    if (
      day &&
      mi!.set.has(l.getUTCMinutes()) &&
      h!.set.has(l.getUTCHours()) &&
      mo!.set.has(l.getUTCMonth() + 1)
    ) {
      out.push(new Date(t));
    }
  }
  return out;
}

describe("nextRuns (croner, Asia/Shanghai unless named)", () => {
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

  it("reads midnight and quarter boundaries in Shanghai, not UTC", () => {
    // Midnight in Shanghai is 16:00 UTC of the day before.
    expect(iso(nextRuns("0 0 * * *", new Date("2026-12-31T12:00:00+08:00"), 2))).toEqual([
      "2026-12-31T16:00:00.000Z", // 2027-01-01 00:00 +08:00
      "2027-01-01T16:00:00.000Z",
    ]);
    // A quarter's first minute: from one second before it, and from that minute itself.
    const quarterStart = "0 0 1 1,4,7,10 *";
    expect(iso(nextRuns(quarterStart, new Date("2027-03-31T23:59:59+08:00"), 2))).toEqual([
      "2027-03-31T16:00:00.000Z", // 2027-04-01 00:00 +08:00, still 31 March in UTC
      "2027-06-30T16:00:00.000Z",
    ]);
    expect(iso(nextRuns(quarterStart, new Date("2027-04-01T00:00:00+08:00"), 1))).toEqual([
      "2027-06-30T16:00:00.000Z",
    ]);
    // The last evening of each quarter (`L`: the month's last day, 30 or 31).
    expect(iso(nextRuns("30 23 L 3,6,9,12 *", new Date("2026-11-23T00:00:00+08:00"), 4))).toEqual([
      "2026-12-31T15:30:00.000Z",
      "2027-03-31T15:30:00.000Z",
      "2027-06-30T15:30:00.000Z",
      "2027-09-30T15:30:00.000Z",
    ]);
    // 1 January 00:30 in Shanghai is 31 December in UTC: the run belongs to the new year.
    expect(iso(nextRuns("30 0 1 1 *", new Date("2026-12-31T16:29:00Z"), 2))).toEqual([
      "2026-12-31T16:30:00.000Z",
      "2027-12-31T16:30:00.000Z",
    ]);
  });

  it("agrees with a minute-by-minute reading of the expression", () => {
    const exprs = [
      DEFAULT_REPORT_CRON,
      "*/15 9-17 * * 1-5",
      "30 3 1 * *",
      "0 0 29 2 *",
      "0 0 * * *",
      "45 23 31 3,12 *",
      "0 8 1 * 0",
    ];
    const froms = ["2027-12-30T00:00:00Z", "2026-12-31T15:59:30Z", "2028-02-28T16:00:00Z"];
    for (const expr of exprs) {
      for (const from of froms) {
        // Few runs of the yearly ones: the walk covers a year per run.
        const n = expr.startsWith("0 0 29 2") || expr.startsWith("45 23") ? 1 : 6;
        const runs = nextRuns(expr, new Date(from), n);
        expect(iso(runs), `${expr} from ${from}`).toEqual(iso(bruteForce(expr, new Date(from), n)));
      }
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

  it("runs a time that a daylight-saving gap skips at the end of the gap, as Vixie cron does", () => {
    const runs = nextRuns("30 2 * 3 *", new Date("2027-03-13T00:00:00Z"), 3, "America/New_York");
    // 14 March 2027 02:30 does not exist in New York (clocks jump from 2:00 to 3:00).
    expect(iso(runs)).toEqual([
      "2027-03-13T07:30:00.000Z",
      "2027-03-14T07:00:00.000Z", // 03:00 EDT, the first minute after the gap
      "2027-03-15T06:30:00.000Z",
    ]);
  });

  it("gives nothing for a date that never comes, and rejects malformed expressions", () => {
    expect(nextRuns("0 0 31 2 *", new Date("2026-01-01T00:00:00Z"), 1)).toEqual([]);
    expect(() => nextRuns("0 2 5 1,4,7,10", new Date(), 1)).toThrow(/five/);
    expect(cronProblem("0 0 2 5 1,4,7,10 *")).toMatch(/5 parts/);
    expect(cronProblem("61 * * * *")).toMatch(/minute/);
    expect(cronProblem("0 25 * * *")).toMatch(/hour/);
    expect(cronProblem("0 2 5 13 *")).toMatch(/month/);
    expect(cronProblem("*/0 * * * *")).toMatch(/stepping/);
    expect(cronProblem(DEFAULT_REPORT_CRON)).toBeNull();
  });
});
