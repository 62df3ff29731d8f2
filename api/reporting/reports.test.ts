import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_PASSWORD, seedSmallWorld } from "../../test/accounts.ts";
import { getBytes, queueOf, stopReports, waitForReport } from "../../test/fixtures/reports.ts";
import { call, expectProblem, expectShape } from "../../test/http.ts";
import { openTestEnv, STORE_KINDS, type TestEnv } from "../../test/stores.ts";
import { claimReport, requeueInterruptedReports } from "./queries/queue.ts";
import { Report, ReportAccepted, ReportList } from "./schema.ts";

const PERIOD = "2026Q3";

/** A few cases in S1's communities in 2026Q3 (so the street has figures to report). */
function cases(prefix: string, n: number) {
  return Array.from({ length: n }, (_, i) => ({
    source: "test",
    externalId: `${prefix}-${i}`,
    orgUnit: i % 2 === 0 ? "C11" : "C12",
    kind: i % 3 === 0 ? "service" : "event",
    channel: i % 4 === 0 ? "grid_patrol" : "hotline",
    reportedAt: `2026-08-${String(1 + (i % 27)).padStart(2, "0")}T09:00:00+08:00`,
    respondedAt: `2026-08-${String(1 + (i % 27)).padStart(2, "0")}T09:30:00+08:00`,
    resolvedAt: `2026-08-${String(1 + (i % 27)).padStart(2, "0")}T20:00:00+08:00`,
    deadlineAt: `2026-08-${String(2 + (i % 27)).padStart(2, "0")}T09:00:00+08:00`,
    firstPass: i % 5 !== 0,
    callback: "satisfied",
  }));
}

describe.each(STORE_KINDS)("reports API on %s", (kind) => {
  let env: TestEnv;
  let t: Awaited<ReturnType<typeof seedSmallWorld>>;
  const post = (token: string, json: unknown) =>
    call(env.baseUrl, "POST", "/api/v1/reports", { token, json });

  beforeAll(async () => {
    env = await openTestEnv(kind, { ADMIN_PASSWORD });
    t = await seedSmallWorld(env);
    const res = await call(env.baseUrl, "POST", "/api/v1/cases/batch", {
      token: t.admin,
      json: { cases: cases("a", 40) },
    });
    expect(res.status, res.text).toBe(200);
  });
  afterAll(async () => {
    await stopReports(env);
    await env.close();
  });

  it("queues a report (202), shows its progress, then serves HTML and PDF", async () => {
    const res = await post(t["leader-s1"], {
      period: PERIOD,
      orgUnit: "S1",
      edition: "leadership",
    });
    expect(res.status, res.text).toBe(202);
    expectShape(ReportAccepted, res.body);
    expect(res.body.status).toBe("queued");
    expect(res.headers.get("location")).toBe(`/api/v1/reports/${res.body.id}`);
    const { report } = await waitForReport(env, t["leader-s1"], res.body.id);
    expectShape(Report, report);
    expect(report).toMatchObject({
      status: "done",
      progress: 1,
      percent: 100,
      orgUnit: "S1",
      period: PERIOD,
      edition: "leadership",
      version: null,
      published: false,
      scheme: { id: "369-default", version: 1 },
    });
    expect(report.pdfSha256).toMatch(/^[0-9a-f]{64}$/);
    const html = await call(env.baseUrl, "GET", `/api/v1/reports/${report.id}/html`, {
      token: t["leader-s1"],
    });
    expect(html.status).toBe(200);
    expect(html.contentType).toContain("text/html");
    expect(html.text).toContain("一街道");
    expect(html.text).toContain("<svg");
    expect(html.text).not.toMatch(/<script/i);
    const pdf = await getBytes(env, `/api/v1/reports/${report.id}/pdf`, t["leader-s1"]);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(new TextDecoder().decode(pdf.bytes.slice(0, 5))).toBe("%PDF-");
    const hash = Buffer.from(await crypto.subtle.digest("SHA-256", pdf.bytes)).toString("hex");
    expect(hash).toBe(report.pdfSha256);
  });

  it("checks roles and scope", async () => {
    const body = { period: PERIOD, orgUnit: "S2", edition: "leadership" };
    expectProblem(await post(t["leader-s1"], body), 403);
    expectProblem(await post(t["clerk-s1"], { ...body, orgUnit: "S1" }), 403);
    expectProblem(await post(t["leader-d1"], { ...body, orgUnit: "NOPE" }), 404);
    expectProblem(await post(t["leader-d1"], { ...body, period: "2026Q5" }), 422);
    expectProblem(await post(t["leader-d1"], { ...body, edition: "full" }), 422);
    expectProblem(await call(env.baseUrl, "POST", "/api/v1/reports", { json: body }), 401);
    // A district report is invisible (404) to a street leader, and listing it is 403.
    const d = await post(t["leader-d1"], { period: PERIOD, orgUnit: "D1", edition: "assessor" });
    expect(d.status, d.text).toBe(202);
    expectProblem(
      await call(env.baseUrl, "GET", `/api/v1/reports/${d.body.id}`, { token: t["leader-s1"] }),
      404,
    );
    expectProblem(
      await call(env.baseUrl, "GET", "/api/v1/reports?orgUnit=D1", { token: t["leader-s1"] }),
      403,
    );
    expectProblem(
      await call(env.baseUrl, "GET", `/api/v1/reports/not-a-uuid`, { token: t["leader-d1"] }),
      404,
    );
    const { report } = await waitForReport(env, t["assessor-d1"], d.body.id);
    expect(report.status).toBe("done");
    expect(report.pages).toBeGreaterThan(12);
    // The assessor edition is the assessor's to publish; the district never publishes its own.
    const publish = (token: string) =>
      call(env.baseUrl, "POST", `/api/v1/reports/${d.body.id}/publish`, { token });
    expect(expectProblem(await publish(t["leader-d1"]!), 403).detail).toContain("本单位");
    const byAssessor = await publish(t["assessor-d1"]!);
    expect(byAssessor.status, byAssessor.text).toBe(200);
  });

  it("publishes versions that never change, whatever data arrives", async () => {
    const first = await post(t["leader-s1"], {
      period: PERIOD,
      orgUnit: "S1",
      edition: "leadership",
    });
    const id = first.body.id as string;
    // Not finished yet (or just finished): publishing a queued or running report is a conflict.
    // A leader whose scope strictly contains S1 publishes it; S1's own leader never does.
    const early = await call(env.baseUrl, "POST", `/api/v1/reports/${id}/publish`, {
      token: t["leader-d1"],
    });
    if (early.status !== 200) expectProblem(early, 409);
    await waitForReport(env, t["leader-s1"], id);
    if (early.status !== 200) {
      const pub = await call(env.baseUrl, "POST", `/api/v1/reports/${id}/publish`, {
        token: t["leader-d1"],
      });
      expect(pub.status, pub.text).toBe(200);
    }
    const v1 = (await call(env.baseUrl, "GET", `/api/v1/reports/${id}`, { token: t.admin })).body;
    expect(v1).toMatchObject({ published: true, version: 1, publishedBy: expect.any(String) });
    expectProblem(
      await call(env.baseUrl, "POST", `/api/v1/reports/${id}/publish`, { token: t["leader-d1"] }),
      409,
    );
    expectProblem(
      await call(env.baseUrl, "POST", `/api/v1/reports/${id}/publish`, { token: t["leader-s1"] }),
      403,
    );
    expectProblem(
      await call(env.baseUrl, "POST", `/api/v1/reports/${id}/publish`, { token: t["assessor-d1"] }),
      403,
    );
    const before = await getBytes(env, `/api/v1/reports/${id}/pdf`, t["leader-s1"]);
    const beforeHtml = await getBytes(env, `/api/v1/reports/${id}/html`, t["leader-s1"]);
    expect(before.headers.get("cache-control")).toContain("immutable");

    // New cases arrive for the quarter.
    const more = await call(env.baseUrl, "POST", "/api/v1/cases/batch", {
      token: t.admin,
      json: {
        cases: cases("b", 30).map((c) => ({ ...c, complaint: true, callback: "dissatisfied" })),
      },
    });
    expect(more.status, more.text).toBe(200);
    const after = await getBytes(env, `/api/v1/reports/${id}/pdf`, t["leader-s1"]);
    const afterHtml = await getBytes(env, `/api/v1/reports/${id}/html`, t["leader-s1"]);
    expect(Buffer.from(after.bytes).equals(Buffer.from(before.bytes))).toBe(true);
    expect(Buffer.from(afterHtml.bytes).equals(Buffer.from(beforeHtml.bytes))).toBe(true);

    // The database itself refuses to change a published report.
    await expect(
      sql`update report set html = 'x' where id = ${id}`.execute(env.store.db),
    ).rejects.toThrow(/published/);
    await expect(sql`delete from report where id = ${id}`.execute(env.store.db)).rejects.toThrow(
      /published/,
    );

    // A later draft sees the new data; published, it becomes version 2.
    const second = await post(t["leader-s1"], {
      period: PERIOD,
      orgUnit: "S1",
      edition: "leadership",
    });
    await waitForReport(env, t["leader-s1"], second.body.id);
    const snap1 = await call(env.baseUrl, "GET", `/api/v1/reports/${id}/snapshot`, {
      token: t.admin,
    });
    const snap2 = await call(env.baseUrl, "GET", `/api/v1/reports/${second.body.id}/snapshot`, {
      token: t.admin,
    });
    expect(snap1.body.snapshot.pdfSha256).toBe(v1.pdfSha256);
    expect(snap2.body.snapshot.dataVersions[PERIOD]).toBeGreaterThan(
      snap1.body.snapshot.dataVersions[PERIOD],
    );
    expect(snap2.body.model.redItems).not.toEqual(snap1.body.model.redItems);
    const pub2 = await call(env.baseUrl, "POST", `/api/v1/reports/${second.body.id}/publish`, {
      token: t["leader-d1"],
    });
    expect(pub2.status, pub2.text).toBe(200);
    expect(pub2.body.version).toBe(2);

    const list = await call(
      env.baseUrl,
      "GET",
      `/api/v1/reports?orgUnit=S1&period=${PERIOD}&edition=leadership`,
      { token: t["leader-s1"] },
    );
    expect(list.status, list.text).toBe(200);
    expectShape(ReportList, list.body);
    const versions = list.body.reports
      .filter((r: { published: boolean }) => r.published)
      .map((r: { version: number; publishedAt: string }) => [r.version, typeof r.publishedAt]);
    expect(versions).toEqual([
      [2, "string"],
      [1, "string"],
    ]);
  });
});

describe.each(STORE_KINDS)("report queue on %s", (kind) => {
  let env: TestEnv;
  let t: Awaited<ReturnType<typeof seedSmallWorld>>;
  const failures = new Map<string, number>();

  beforeAll(async () => {
    env = await openTestEnv(kind, { ADMIN_PASSWORD });
    t = await seedSmallWorld(env);
    // The queue of this store fails the first attempts of the reports the test names.
    queueOf(env, {
      backoffMs: () => 20,
      leaseMs: 500,
      generate: async (claimed, onProgress) => {
        const left = failures.get(claimed.id) ?? 0;
        if (left > 0) {
          failures.set(claimed.id, left - 1);
          throw new Error(`induced failure ${left}`);
        }
        return env.deps.reports!.generate(claimed, onProgress);
      },
    });
  });
  afterAll(async () => {
    await stopReports(env);
    await env.close();
  });

  async function create(orgUnit = "S1") {
    const res = await call(env.baseUrl, "POST", "/api/v1/reports", {
      token: t.admin,
      json: { period: PERIOD, orgUnit, edition: "leadership" },
    });
    expect(res.status, res.text).toBe(202);
    return res.body.id as string;
  }

  /** Queues a report while the queue is stopped, arms its failures, then lets the queue run. */
  async function createFailing(orgUnit: string, failFirst: number) {
    await queueOf(env).stop();
    const id = await create(orgUnit);
    failures.set(id, failFirst);
    const queue = queueOf(env).start();
    await queue.settled();
    return (await waitForReport(env, t.admin, id)).report;
  }

  it("retries a failed attempt with backoff and succeeds", async () => {
    const report = await createFailing("S1", 1);
    expect(report).toMatchObject({ status: "done", attempts: 2, error: null });
  });

  it("fails with the reason after three attempts, never silently", async () => {
    const report = await createFailing("S2", 5);
    expect(report.status).toBe("failed");
    expect(report.attempts).toBe(3);
    expect(report.error).toMatch(/^报告生成出错（Error: induced failure .*（共尝试 3 次）$/);
    expectProblem(
      await call(env.baseUrl, "GET", `/api/v1/reports/${report.id}/pdf`, { token: t.admin }),
      409,
    );
  });

  it("fails a report for an unknown scheme at once, with a Chinese reason and no unhandled rejection", async () => {
    const unhandled: unknown[] = [];
    const record = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", record);
    try {
      await queueOf(env).stop();
      const res = await call(env.baseUrl, "POST", "/api/v1/reports", {
        token: t.admin,
        json: { period: PERIOD, orgUnit: "S1", edition: "leadership", scheme: "no-such-scheme" },
      });
      expect(res.status, res.text).toBe(202);
      await queueOf(env).start().settled();
      const { report } = await waitForReport(env, t.admin, res.body.id);
      expect(report).toMatchObject({ status: "failed", attempts: 1 });
      expect(report.error).toBe("指标方案“no-such-scheme”不存在，无法生成报告");
      // A rejection nobody handled is reported on a later turn of the event loop.
      await new Promise((r) => setTimeout(r, 100));
      expect(unhandled).toEqual([]);
      // The queue still works for the next report.
      const next = await create("S1");
      await queueOf(env).settled();
      expect((await waitForReport(env, t.admin, next)).report.status).toBe("done");
    } finally {
      process.off("unhandledRejection", record);
    }
  });

  it("puts a report left running by a restart back in the queue", async () => {
    await queueOf(env).stop();
    const id = await create("D1");
    const claimed = await claimReport(env.store.db, new Date(), 60_000);
    expect(claimed?.id).toBe(id);
    const running = await call(env.baseUrl, "GET", `/api/v1/reports/${id}`, { token: t.admin });
    expect(running.body.status).toBe("running");
    expect(await requeueInterruptedReports(env.store.db)).toBe(1);
    const requeued = await call(env.baseUrl, "GET", `/api/v1/reports/${id}`, { token: t.admin });
    expect(requeued.body).toMatchObject({
      status: "queued",
      error: "报告生成因服务重启而中断，已重新排队",
    });
  });
});
