import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, seedDemo } from "../../scripts/demo/generate.ts";
import {
  formatPeriod,
  type Quarter,
  quarterOf,
  quarterStart,
  shiftQuarter,
} from "../../shapes/periods.ts";
import { login } from "../../test/accounts.ts";
import { call } from "../../test/http.ts";
import { openTestEnv, STORE_KINDS, type TestEnv } from "../../test/stores.ts";
import { completeFrom, defaultQuarter, isFutureQuarter, quarterState } from "./default-quarter.ts";

const q = (year: number, quarter: Quarter["quarter"]): Quarter => ({ year, quarter });
const at = (iso: string) => new Date(iso);

describe("quarter completeness (the rule in default-quarter.ts)", () => {
  it("is running until the quarter ends, filing until day 10 has passed, then complete", () => {
    const q3 = q(2026, 3);
    expect(quarterState(q3, at("2026-06-30T15:59:59Z"))).toBe("future");
    expect(quarterState(q3, at("2026-07-01T00:00:00+08:00"))).toBe("running");
    expect(quarterState(q3, at("2026-09-30T23:59:59+08:00"))).toBe("running");
    expect(quarterState(q3, at("2026-10-01T00:00:00+08:00"))).toBe("filing");
    expect(quarterState(q3, at("2026-10-10T23:59:59+08:00"))).toBe("filing");
    expect(quarterState(q3, at("2026-10-11T00:00:00+08:00"))).toBe("complete");
    expect(completeFrom(q3).toISOString()).toBe("2026-10-10T16:00:00.000Z");
    // The scheme version of the quarter's year sets the due day: 15 in 2026, the default before.
    const dueDay = (year: number) => (year === 2026 ? 15 : 10);
    expect(completeFrom(q3, dueDay).toISOString()).toBe("2026-10-15T16:00:00.000Z");
    expect(quarterState(q3, at("2026-10-15T23:59:59+08:00"), dueDay)).toBe("filing");
    expect(quarterState(q3, at("2026-10-16T00:00:00+08:00"), dueDay)).toBe("complete");
    expect(completeFrom(q(2025, 4), dueDay).toISOString()).toBe("2026-01-10T16:00:00.000Z");
    const quarters = [q(2026, 2), q(2026, 3)];
    expect(defaultQuarter(quarters, at("2026-10-12T12:00:00+08:00"), dueDay)).toEqual(q(2026, 2));
  });

  it("opens on the latest complete quarter, not one three days old; the latest when none is", () => {
    const quarters = [q(2026, 2), q(2026, 3), q(2026, 4)];
    // Three days into Q4: Q3's returns are still due, so Q2 is the latest complete one.
    expect(defaultQuarter(quarters, at("2026-10-03T12:00:00+08:00"))).toEqual(q(2026, 2));
    expect(defaultQuarter(quarters, at("2026-10-12T12:00:00+08:00"))).toEqual(q(2026, 3));
    expect(defaultQuarter([q(2026, 4)], at("2026-10-03T12:00:00+08:00"))).toEqual(q(2026, 4));
    expect(() => defaultQuarter([], new Date())).toThrow(RangeError);
  });

  it("calls a quarter after the current one future", () => {
    const now = at("2026-12-31T23:00:00+08:00");
    expect(isFutureQuarter(q(2026, 4), now)).toBe(false);
    expect(isFutureQuarter(q(2027, 1), now)).toBe(true);
    expect(isFutureQuarter(q(2025, 1), now)).toBe(false);
  });
});

// Data in the current quarter too: the dashboard opens on the latest complete quarter, the picker
// says which quarters are complete, a future quarter is refused (page and report creation).
describe.each(STORE_KINDS)("default quarter on %s", (kind) => {
  let env: TestEnv;
  let token: string;
  const now = new Date();
  const current = quarterOf(now);
  const previous = shiftQuarter(current, -1);
  const before = shiftQuarter(current, -2);
  const expected = quarterState(previous, now) === "complete" ? previous : before;

  beforeAll(async () => {
    env = await openTestEnv(kind);
    await seedDemo(env.store, {
      streets: 1,
      communitiesPerStreet: 2,
      quarters: [formatPeriod(before), formatPeriod(previous), formatPeriod(current)],
    });
    token = await login(env, "leader", DEMO_PASSWORD);
  });
  afterAll(async () => {
    await env?.close();
  });

  const get = (path: string) =>
    fetch(env.baseUrl + path, {
      redirect: "manual",
      headers: { authorization: `Bearer ${token}` },
    });

  it("opens on the latest complete quarter and marks the incomplete ones in the picker", async () => {
    const res = await get("/dashboard");
    expect(res.status).toBe(302);
    const location = res.headers.get("location") ?? "";
    expect(location).toMatch(new RegExp(`\\?period=${formatPeriod(expected)}$`));
    const page = await get(location);
    const html = await page.text();
    expect(page.status).toBe(200);
    const options = [...html.matchAll(/<option value="(\d{4}Q\d)"[^>]*data-complete="(\d)"/g)];
    const complete = Object.fromEntries(options.map((m) => [m[1], m[2]]));
    expect(complete[formatPeriod(current)]).toBe("0");
    expect(complete[formatPeriod(before)]).toBe("1");
    expect(html).toContain("进行中，数据不完整");
    expect(html).not.toContain('data-testid="period-note"');
    // The default scheme (no assessor item, no adjustment: total = index) looks as before.
    expect(html).toContain("（按综合指数，颜色为等级，点击进入）");
    expect(html).not.toContain('data-testid="child-total"');
    expect(html).not.toContain("综合得分等级");
    const running = await (
      await get(location.replace(/period=.*/, `period=${formatPeriod(current)}`))
    ).text();
    expect(running).toContain('data-testid="period-note"');
  });

  it("offers an earlier quarter once a case lands in it (the memoised span follows writes)", async () => {
    const older = formatPeriod(shiftQuarter(current, -4));
    const home = (await get("/dashboard")).headers.get("location") ?? "";
    const option = `<option value="${older}"`;
    expect(await (await get(home)).text()).not.toContain(option);
    const community = await env.store.db
      .selectFrom("org_unit")
      .select("code")
      .where("level", "=", "community")
      .orderBy("code")
      .executeTakeFirstOrThrow();
    const admin = await login(env, "admin", DEMO_PASSWORD);
    const reported = new Date(quarterStart(shiftQuarter(current, -4)).getTime() + 86_400_000);
    const res = await call(env.baseUrl, "POST", "/api/v1/cases/batch", {
      token: admin,
      json: {
        cases: [
          {
            source: "test",
            externalId: "span-1",
            orgUnit: community.code,
            kind: "event",
            channel: "hotline",
            reportedAt: reported.toISOString(),
          },
        ],
      },
    });
    expect(res.status, res.text).toBe(200);
    expect(await (await get(home)).text()).toContain(option);
  });

  it("refuses a future quarter on the pages and for a report", async () => {
    const future = formatPeriod(shiftQuarter(current, 1));
    const home = (await get("/dashboard")).headers.get("location") ?? "";
    const page = await get(home.replace(/period=.*/, `period=${future}`));
    expect(page.status).toBe(400);
    expect(await page.text()).toContain("尚未开始");
    const code = /\/dashboard\/([^?]+)/.exec(home)?.[1] ?? "";
    const report = await call(env.baseUrl, "POST", "/api/v1/reports", {
      token,
      json: { period: future, orgUnit: code, edition: "leadership" },
    });
    expect(report.status).toBe(422);
    expect(report.contentType).toContain("application/problem+json");
    expect(report.body.detail).toContain("尚未开始");
    expect(JSON.stringify(report.body)).toContain("body.period");
    // The reads that take a quarter refuse it by the same rule (periods/rules.ts).
    for (const path of [
      `/api/v1/indicators?period=${future}&orgUnit=${code}&children=true`,
      `/api/v1/data-quality?period=${future}&orgUnit=${code}`,
      `/api/v1/appeals?period=${future}`,
      `/api/v1/exports/assessment.xlsx?period=${future}&orgUnit=${code}`,
      `/api/v1/returns/${code}/${future}`,
    ]) {
      const res = await call(env.baseUrl, "GET", path, { token });
      expect(res.status, path).toBe(422);
      expect(res.contentType, path).toContain("application/problem+json");
      expect(res.body.detail, path).toContain("尚未开始");
      expect(res.body.errors[0].message, path).toBe("该季度尚未开始");
    }
  });
});
