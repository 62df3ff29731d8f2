/**
 * The measured side of bench/export.ts: GET /api/v1/exports/cases.{csv,xlsx} through the app (in
 * process, no socket). A million rows is above the background threshold, so the answer is 202 and
 * a job writes the file; the time runs from the request to the job's end.
 */
import { createApp } from "../../api/app.ts";
import type { Config } from "../../api/config.ts";
import type { Store } from "../../api/db/client.ts";
import type { Logger } from "../../api/logger.ts";
import { testDeps } from "../../test/deps.ts";
import type { Figure } from "./figure.ts";

export async function appExport(
  store: Store,
  config: Config,
  logger: Logger,
  format: "csv" | "xlsx",
  period: string,
  password: string,
): Promise<Figure> {
  const deps = testDeps({ store, config, logger, clientIp: () => null });
  const app = createApp(deps);
  const login = await app.request("/api/v1/auth/login", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: "admin", password }),
  });
  const { token } = (await login.json()) as { token: string };
  const headers = { authorization: `Bearer ${token}` };
  const t0 = performance.now();
  const res = await app.request(`/api/v1/exports/cases.${format}?period=${period}&async=1`, {
    headers,
  });
  if (res.status !== 202) throw new Error(`export: ${res.status} ${await res.text()}`);
  const { statusUrl } = (await res.json()) as { statusUrl: string };
  await deps.jobs.settled();
  const seconds = (performance.now() - t0) / 1000;
  const job = (await (await app.request(statusUrl, { headers })).json()) as {
    status: string;
    error?: string;
    result: { rows: number; bytes: number };
  };
  if (job.status !== "done") throw new Error(`export job ${job.status}: ${job.error}`);
  return { rows: job.result.rows, seconds, bytes: job.result.bytes, maxRssMb: 0 };
}
