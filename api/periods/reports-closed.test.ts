import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultSchemeDefinition } from "../../metrics/index.ts";
import { ADMIN_PASSWORD, seedSmallWorld } from "../../test/accounts.ts";
import { seedIndicatorWorld } from "../../test/fixtures/indicator-world.ts";
import { stopReports, waitForReport } from "../../test/fixtures/reports.ts";
import { call } from "../../test/http.ts";
import { openTestEnv, STORE_KINDS, type TestEnv } from "../../test/stores.ts";

/**
 * A report of a closed quarter reads the official figures: published after the close, then again
 * after new data arrived, both show the same figures (everything but the generation time and the
 * data-quality findings, which describe the data as it is now).
 */
describe.each(STORE_KINDS)("reports of a closed quarter on %s", (kind) => {
  let env: TestEnv;
  let t: Awaited<ReturnType<typeof seedSmallWorld>>;

  /** Generates and publishes the assessor edition of D1's 2026Q3; returns its model. */
  async function publish(): Promise<Record<string, unknown>> {
    const created = await call(env.baseUrl, "POST", "/api/v1/reports", {
      token: t.admin,
      json: { period: "2026Q3", orgUnit: "D1", edition: "assessor" },
    });
    expect(created.status, created.text).toBe(202);
    const { report } = await waitForReport(env, t.admin, created.body.id, 120_000);
    expect(report.status, JSON.stringify(report)).toBe("done");
    const pub = await call(env.baseUrl, "POST", `/api/v1/reports/${report.id}/publish`, {
      token: t.admin,
    });
    expect(pub.status, pub.text).toBe(200);
    const snap = await call(env.baseUrl, "GET", `/api/v1/reports/${report.id}/snapshot`, {
      token: t.admin,
    });
    expect(snap.status, snap.text).toBe(200);
    return snap.body.model as Record<string, unknown>;
  }
  /** The model without what describes the data as it is now (generation time, data quality). */
  const figuresOf = (model: Record<string, unknown>) => {
    const { generatedAt: _g, dataQuality: _d, findings, assessor, ...rest } = model;
    const { dataQuality: _a, ...assessorRest } = (assessor ?? {}) as Record<string, unknown>;
    return {
      ...rest,
      assessor: assessorRest,
      findings: (findings as { rule: string }[]).filter((f) => f.rule !== "data_quality"),
    };
  };

  beforeAll(async () => {
    env = await openTestEnv(kind, { ADMIN_PASSWORD });
    t = await seedSmallWorld(env);
    await seedIndicatorWorld(env, t.admin);
  });
  afterAll(async () => {
    await stopReports(env);
    await env.close();
  });

  it("publishes the same figures before and after late data", async () => {
    const close = await call(env.baseUrl, "POST", "/api/v1/periods/2026Q3/close", {
      token: t.admin,
    });
    expect(close.status, close.text).toBe(200);
    const first = await publish();
    // New 2026Q3 cases in S1 and S2: the live figures move, the official ones do not.
    const late = await call(env.baseUrl, "POST", "/api/v1/cases/batch", {
      token: t.admin,
      json: {
        cases: ["C11", "C12", "C21", "C22"].map((unit, i) => ({
          source: "late",
          externalId: `late-${i}`,
          orgUnit: unit,
          kind: "appeal",
          channel: "hotline",
          reportedAt: "2026-09-01T09:00:00+08:00",
          resolvedAt: "2026-09-20T09:00:00+08:00",
          deadlineAt: "2026-09-02T09:00:00+08:00",
          complaint: true,
          callback: "dissatisfied",
        })),
      },
    });
    expect(late.status, late.text).toBe(200);
    const live = await call(
      env.baseUrl,
      "GET",
      "/api/v1/indicators?period=2026Q3&orgUnit=D1&live=true",
      { token: t.admin },
    );
    const official = await call(env.baseUrl, "GET", "/api/v1/indicators?period=2026Q3&orgUnit=D1", {
      token: t.admin,
    });
    expect(live.body.units[0].index).not.toBe(official.body.units[0].index);
    expect(official.body.lateCases).toBe(4);

    const second = await publish();
    expect(figuresOf(second)).toEqual(figuresOf(first));
    // The parts that carry figures are all there, assessor sensitivity included.
    for (const part of ["summary", "ranking", "dimensions", "redItems", "survey", "trend"]) {
      expect(second[part], part).toEqual(first[part]);
    }
    expect((second.assessor as { sensitivity: unknown }).sensitivity).toBeTruthy();

    // A published report freezes its year for the scheme too, even once the quarter is reopened.
    const reopen = await call(env.baseUrl, "POST", "/api/v1/periods/2026Q3/reopen", {
      token: t.admin,
      json: { reason: "核对" },
    });
    expect(reopen.status, reopen.text).toBe(200);
    const scheme = await call(env.baseUrl, "POST", "/api/v1/schemes", {
      token: t.admin,
      json: { id: "369-default", validFromYear: 2026, definition: defaultSchemeDefinition() },
    });
    expect(scheme.status, scheme.text).toBe(409);
    expect(scheme.body.detail).toContain("2026Q3 已发布报告");
    expect((first.summary as { index: number }).index).toBe(official.body.units[0].index);
  });
});
