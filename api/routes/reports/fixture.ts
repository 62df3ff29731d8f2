/**
 * Test support for the report routes (not used by the app): waiting for a report to finish,
 * reading binary responses, and stopping the store's report queue and the shared browser.
 */
import { expect } from "vitest";
import { call } from "../../../test/http.ts";
import type { TestEnv } from "../../../test/stores.ts";
import { loadConfig } from "../../config.ts";
import { loadPrinter } from "../../jobs/report-generate.ts";
import type { ReportQueueOptions } from "../../jobs/report-queue.ts";
import { reportQueueFor } from "../../jobs/reports-runtime.ts";

const CONFIG = loadConfig({ SEED_DEMO: "0", LOG_LEVEL: "silent" });

/** The env's report queue (created with `overrides` when this is the first call for the store). */
export function queueOf(env: TestEnv, overrides: Partial<ReportQueueOptions> = {}) {
  const q = reportQueueFor({ store: env.store, config: CONFIG }, overrides);
  if (!q) throw new Error("no report queue in this runtime");
  return q;
}

/** Polls GET /reports/{id} until the report is done or failed; returns its last state. */
export async function waitForReport(env: TestEnv, token: string, id: string, timeoutMs = 60_000) {
  const until = Date.now() + timeoutMs;
  const seen = new Set<string>();
  for (;;) {
    const res = await call(env.baseUrl, "GET", `/api/v1/reports/${id}`, { token });
    expect(res.status, res.text).toBe(200);
    seen.add(res.body.status);
    if (res.body.status === "done" || res.body.status === "failed") {
      return { report: res.body, seen };
    }
    if (Date.now() > until) throw new Error(`report ${id} still ${res.body.status}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** GET with a bearer token, returning the body's bytes. */
export async function getBytes(env: TestEnv, path: string, token: string) {
  const res = await fetch(`${env.baseUrl}${path}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return {
    status: res.status,
    headers: res.headers,
    bytes: new Uint8Array(await res.arrayBuffer()),
  };
}

/** Stops the env's queue (waiting for running reports) and closes the shared browser. */
export async function stopReports(env: TestEnv) {
  await queueOf(env).stop();
  const { closeSharedPool } = await loadPrinter();
  await closeSharedPool();
}
