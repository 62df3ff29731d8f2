import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { createPgliteStore } from "../api/db/client.ts";
import { freePort, type RunningApp, startApp } from "./app-process.ts";
import { call } from "./http.ts";

// Issue 16, point 1: no request can crash the process. The real Node entry runs in a child
// process; a report whose input is bad (an unknown scheme) must fail with a reason while the
// server keeps answering, at run time and when the report is picked up again at the next start.

const PASSWORD = "failing-job-pass";

/** Polls a report until it is done or failed, timing /healthz on every round. */
async function settle(base: string, token: string, id: string) {
  const slowest = { ms: 0 };
  const until = Date.now() + 60_000;
  for (;;) {
    const res = await call(base, "GET", `/api/v1/reports/${id}`, { token });
    expect(res.status, res.text).toBe(200);
    const t0 = performance.now();
    expect((await call(base, "GET", "/healthz")).status).toBe(200);
    slowest.ms = Math.max(slowest.ms, performance.now() - t0);
    if (res.body.status === "done" || res.body.status === "failed") {
      return { report: res.body, slowestHealthMs: slowest.ms };
    }
    if (Date.now() > until) throw new Error(`report ${id} still ${res.body.status}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const login = async (base: string) => {
  const res = await call(base, "POST", "/api/v1/auth/login", {
    json: { username: "admin", password: PASSWORD },
  });
  expect(res.status, res.text).toBe(200);
  return res.body.token as string;
};

describe("a failing job on the real Node entry", () => {
  const dirs: string[] = [];
  const apps: RunningApp[] = [];
  afterAll(async () => {
    for (const a of apps) if (a.child.exitCode === null) a.child.kill("SIGKILL");
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it("fails a report for an unknown scheme with a reason and keeps serving, also after a restart", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "scorecard-failing-job-"));
    dirs.push(dataDir);
    const port = await freePort();
    const env = {
      DATA_DIR: dataDir,
      PORT: String(port),
      SEED_DEMO: "0",
      ADMIN_PASSWORD: PASSWORD,
      REPORT_CRON: "off",
    };
    const base = `http://127.0.0.1:${port}`;

    const first = await startApp(env);
    apps.push(first);
    const token = await login(base);
    const put = await call(base, "PUT", "/api/v1/org-units", {
      token,
      json: { units: [{ code: "D9", name: "坏方案区", level: "district" }] },
    });
    expect(put.status, put.text).toBe(200);
    const posted = await call(base, "POST", "/api/v1/reports", {
      token,
      json: { period: "2026Q3", orgUnit: "D9", edition: "leadership", scheme: "no-such-scheme" },
    });
    expect(posted.status, posted.text).toBe(202);
    const { report, slowestHealthMs } = await settle(base, token, posted.body.id);
    expect(report).toMatchObject({ status: "failed", attempts: 1 });
    expect(report.error).toBe("指标方案“no-such-scheme”不存在，无法生成报告");
    expect(slowestHealthMs).toBeLessThan(1000);
    expect(first.child.exitCode).toBeNull();
    expect((await call(base, "GET", "/healthz")).body).toMatchObject({ status: "ok" });
    first.child.kill("SIGTERM");
    expect(await first.exited).toBe(0);

    // A draft left running by a process that died while generating it: the next start puts it
    // back in the queue, where it fails with its reason; the start itself must survive that.
    const store = await createPgliteStore(dataDir);
    const id = crypto.randomUUID();
    await sql`insert into report (id, org_unit_id, year, quarter, edition, scheme_id, status,
        attempts, heartbeat_at, started_at, created_by)
      select ${id}, id, 2026, 3, 'assessor', 'gone-scheme', 'running', 1, now(), now(), 'user:1'
      from org_unit where code = 'D9'`.execute(store.db);
    await store.close();

    const second = await startApp(env);
    apps.push(second);
    const again = await settle(base, await login(base), id);
    expect(again.report).toMatchObject({ status: "failed" });
    expect(again.report.error).toBe("指标方案“gone-scheme”不存在，无法生成报告");
    expect(second.child.exitCode).toBeNull();
    expect(second.output()).toContain("reports interrupted by restart");
    second.child.kill("SIGINT");
    expect(await second.exited).toBe(0);
  });
});
