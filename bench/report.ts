/**
 * `npm run bench -- report [--pg URL] [--batch N] [--runs N]`: quarterly report generation on the
 * default demo district: PGlite in memory, or with `--pg postgres://…/any` a scratch database
 * created on that server for the run and dropped afterwards.
 *
 * 1. The district's assessor edition, from POST /api/v1/reports to the stored PDF (queue, figures,
 *    model, charts, HTML, pagination, print, storage), against the baseline measured in the same
 *    run: Chromium printing the same finished HTML alone (setContent + page.pdf, same browser).
 *    Goal: our overhead (total − print) ≤ 50% of the print time.
 * 2. A batch of N (default 100) street reports queued at once: reports per minute, peak RSS of
 *    this process and of Chromium (all its processes), browsers launched and tabs open at most.
 *
 * Other work on the machine skews the figures: the load average is printed with them.
 */
import { readdirSync, readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { sql } from "kysely";
import { createApp } from "../api/app.ts";
import { prepareStore } from "../api/boot.ts";
import { loadConfig } from "../api/config.ts";
import { createPgliteStore, createPostgresStore, type Store } from "../api/db/client.ts";
import { createLogger } from "../api/logger.ts";
import { loadPrinter } from "../api/reporting/generate.ts";
import { seedDemo } from "../scripts/demo/generate.ts";
import { testDeps } from "../test/deps.ts";

const PASSWORD = "bench-pass-369";
const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const pgUrl = opt("--pg");
const batch = Number(opt("--batch") ?? 100);
const runs = Number(opt("--runs") ?? 5);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};
/** A JSON body as the benchmark expects it (the API's own tests check the shapes). */
// biome-ignore lint/suspicious/noExplicitAny: loosely typed reads of the API's answers
const body = (res: Response): Promise<any> => res.json();
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** RSS of a process and all its descendants (Linux /proc), in bytes. */
function treeRss(root: number): number {
  const children = new Map<number, number[]>();
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(d));
      children.set(ppid, list);
    } catch {
      // The process ended while we looked.
    }
  }
  let total = 0;
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      if (m) total += Number(m[1]) * 1024;
    } catch {
      // Gone.
    }
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

async function main() {
  const config = loadConfig({
    SEED_DEMO: "0",
    LOG_LEVEL: "silent",
    ADMIN_PASSWORD: PASSWORD,
    REPORT_CRON: "off",
  });
  const logger = createLogger("silent");
  let scratch: { url: string; drop(): Promise<void> } | null = null;
  if (pgUrl) {
    const admin = createPostgresStore({ connectionString: pgUrl, max: 1 });
    const name = `bench_report_${Date.now().toString(36)}`;
    await sql`create database ${sql.id(name)}`.execute(admin.db);
    const url = new URL(pgUrl);
    url.pathname = `/${name}`;
    scratch = {
      url: url.toString(),
      async drop() {
        await sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin.db);
        await admin.close();
      },
    };
  }
  const store: Store = scratch
    ? createPostgresStore({ connectionString: scratch.url, max: 10 })
    : await createPgliteStore(null);
  await prepareStore(store, config, logger);
  process.stdout.write(
    `store: ${store.kind}; load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}\n`,
  );
  let t = performance.now();
  const seeded = await seedDemo(store, {});
  process.stdout.write(
    `seeded the default demo: ${seeded.units} units, ${seeded.cases.toLocaleString("en")} cases in ${((performance.now() - t) / 1000).toFixed(1)} s\n`,
  );

  const deps = testDeps({ store, config, logger, clientIp: () => "127.0.0.1" });
  const app = createApp(deps);
  const api = async (method: string, path: string, token: string | null, json?: unknown) => {
    const res = await app.request(path, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(json ? { "content-type": "application/json" } : {}),
      },
      body: json ? JSON.stringify(json) : undefined,
    });
    return res;
  };
  const login = await body(
    await api("POST", "/api/v1/auth/login", null, { username: "admin", password: PASSWORD }),
  );
  const token = login.token as string;
  const tree = await body(
    await api("GET", "/api/v1/indicators?period=2026Q3&children=true", token),
  );
  const district = tree.units[0].code as string;
  const streets = (tree.units as { code: string }[]).slice(1).map((u) => u.code);
  const reports = deps.reports!;
  const { printPdf } = await loadPrinter();

  const generate = async (orgUnit: string, period: string, edition: string) => {
    const started = performance.now();
    const res = await api("POST", "/api/v1/reports", token, { period, orgUnit, edition });
    const { id } = await body(res);
    for (;;) {
      const r = await body(await api("GET", `/api/v1/reports/${id}`, token));
      if (r.status === "done") break;
      if (r.status === "failed") throw new Error(`report failed: ${r.error}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const pdf = new Uint8Array(
      await (await api("GET", `/api/v1/reports/${id}/pdf`, token)).arrayBuffer(),
    );
    return { id, ms: performance.now() - started, bytes: pdf.byteLength };
  };

  // Warm-up: launches the browser, loads the modules, fills the indicator cache for 2026Q3.
  await generate(streets[0]!, "2026Q3", "leadership");

  // Interleaved (report, then its HTML printed alone) so that load from other work on the
  // machine weighs on both sides alike.
  const pool = await reports.printer();
  const totals: number[] = [];
  const prints: number[] = [];
  let last = { id: "", bytes: 0 };
  let pages = 0;
  for (let i = 0; i < runs; i++) {
    const r = await generate(district, "2026Q3", "assessor");
    totals.push(r.ms);
    last = r;
    const html = await (await api("GET", `/api/v1/reports/${r.id}/html`, token)).text();
    const header = { headerLeft: "基准", headerRight: "2026Q3" };
    const paginated = await printPdf(pool, html, { ...header, keepHtml: true });
    pages = paginated.pages;
    t = performance.now();
    await printPdf(pool, paginated.printedHtml, { ...header, paginate: false });
    prints.push(performance.now() - t);
  }
  const total = median(totals);
  const print = median(prints);
  process.stdout.write(
    [
      "",
      `district assessor edition (${pages} pages, ${(last.bytes / 1024).toFixed(0)} KB PDF):`,
      `  request → stored PDF   median ${total.toFixed(0)} ms  (runs ${totals.map((x) => x.toFixed(0)).join(", ")})`,
      `  baseline: Chromium printing the finished HTML alone   median ${print.toFixed(0)} ms  (runs ${prints.map((x) => x.toFixed(0)).join(", ")})`,
      `  our overhead ${(total - print).toFixed(0)} ms = ${(((total - print) / print) * 100).toFixed(0)}% of the print time (goal ≤ 50%)`,
      "",
    ].join("\n"),
  );

  // Batch: N street reports queued at once (streets × quarters × editions).
  const periods = ["2026Q3", "2026Q2", "2026Q1", "2025Q4", "2025Q3", "2025Q2", "2025Q1"];
  const jobs: [string, string, string][] = [];
  for (const p of periods) {
    for (const e of ["leadership", "assessor"]) for (const s of streets) jobs.push([s, p, e]);
  }
  const wanted = jobs.slice(0, batch);
  const rssBefore = process.memoryUsage().rss;
  let peakNode = rssBefore;
  let peakChrome = 0;
  const sampler = setInterval(async () => {
    peakNode = Math.max(peakNode, process.memoryUsage().rss);
    const pid = await pool.pid();
    if (pid) peakChrome = Math.max(peakChrome, treeRss(pid));
  }, 100);
  const launchesBefore = pool.stats().launches;
  t = performance.now();
  for (const [s, p, e] of wanted) {
    const res = await api("POST", "/api/v1/reports", token, { period: p, orgUnit: s, edition: e });
    if (res.status !== 202) throw new Error(`POST failed: ${res.status}`);
  }
  await reports.queue().settled();
  const seconds = (performance.now() - t) / 1000;
  clearInterval(sampler);
  const stats = pool.stats();
  process.stdout.write(
    [
      `batch of ${wanted.length} street reports (${streets.length} streets × quarters × editions), ${config.REPORT_PAGES} pages at once:`,
      `  ${seconds.toFixed(1)} s → ${((wanted.length / seconds) * 60).toFixed(1)} reports per minute`,
      `  peak RSS: this process ${mb(peakNode)} (${mb(rssBefore)} before the batch, the store included), Chromium (all processes) ${mb(peakChrome)}`,
      `  browsers launched during the batch: ${stats.launches - launchesBefore}; tabs open at most: ${stats.peakOpen}`,
      `  load average now ${loadavg()
        .map((l) => l.toFixed(1))
        .join(" ")}`,
      "",
    ].join("\n"),
  );
  await reports.stop();
  await store.close();
  await scratch?.drop();
}

await main();
