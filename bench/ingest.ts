/**
 * `npm run bench -- ingest [--cases N] [--pglite-cases N] [--rounds R] [--skip-csv]
 *   [--only postgres|pglite] [--in-flight K] [--threads T]`
 *
 * On PostgreSQL (DATABASE_URL or the local server, in a scratch database it drops), R rounds
 * (default 3; both tables emptied between rounds, each phase started from a checkpoint) of:
 *  1. baseline: PostgreSQL's own COPY FROM STDIN of N cases into a bare table with the same
 *     unique key (source, external_id), in case_record's collation ("C");
 *  2. the same N cases through POST /api/v1/cases/batch, 10,000 per request, over real HTTP to
 *     the app on @hono/node-server wired as api/node.ts wires it (bodies read on T scanning
 *     threads, default as the app's), from a client in a worker thread (K requests in flight,
 *     default 2), and the ratio of the two rates;
 *  3. an identical re-send of the N cases (all unchanged: nothing written), and its rate
 *     against the first pass's;
 * with CPU seconds of this process and of PostgreSQL per phase, and the medians of the ratios
 * (this machine's speed drifts by a third between minutes; a ratio within one round is steadier).
 * Then a CSV of N rows imported by the CLI (`scripts/import-cases.ts`) in a child process, whose
 * peak RSS is read from the kernel (getrusage maxrss), and the rounds on PGlite (in memory)
 * with --pglite-cases (default 100,000).
 * Request bodies and COPY text are generated before timing: the figures measure ingestion.
 */
import { spawnSync } from "node:child_process";
import { once } from "node:events";
import { readdirSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { Worker } from "node:worker_threads";
import { serve } from "@hono/node-server";
import { sql } from "kysely";
import { createApp } from "../api/app.ts";
import { prepareStore } from "../api/boot.ts";
import { defaultScanThreads, startScanPool } from "../api/cases/scan-threads.ts";
import { loadConfig } from "../api/config.ts";
import { createPgliteStore, createPostgresStore, type Store } from "../api/db/client.ts";
import { createLogger } from "../api/logger.ts";
import { testDeps } from "../test/deps.ts";
import type { ClientData, PassResult } from "./ingest-data/client.ts";
import { BATCH, COLUMNS, copyChunks, tree, writeCsv } from "./ingest-data/data.ts";

interface Cpu {
  node: number;
  postgres: number;
}

/**
 * CPU seconds (user + system) of this process and of every local `postgres` process, read from
 * /proc: where the time of a pass goes (Linux, local server only).
 */
function cpuSeconds(): Cpu {
  const tick = 100; // USER_HZ on Linux
  const of = (stat: string) => {
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(f[11]) + Number(f[12])) / tick;
  };
  let postgres = 0;
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, "utf8");
      if (stat.includes("(postgres)")) postgres += of(stat);
    } catch {
      // The process ended while we looked.
    }
  }
  return { node: of(readFileSync("/proc/self/stat", "utf8")), postgres };
}

const { values: args } = parseArgs({
  options: {
    cases: { type: "string", default: "1000000" },
    "pglite-cases": { type: "string", default: "100000" },
    "skip-csv": { type: "boolean", default: false },
    only: { type: "string" },
    "in-flight": { type: "string", default: "2" },
    threads: { type: "string" },
    rounds: { type: "string", default: "3" },
  },
});
const N = Number(args.cases);
const N_PGLITE = Number(args["pglite-cases"]);
const IN_FLIGHT = Number(args["in-flight"]);
const ROUNDS = Number(args.rounds);
const THREADS = args.threads === undefined ? defaultScanThreads() : Number(args.threads);
const PASSWORD = "bench-pass-369";

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

async function run(store: Store, n: number, label: string) {
  const config = loadConfig({ LOG_LEVEL: "silent", ADMIN_PASSWORD: PASSWORD, SEED_DEMO: "0" });
  await prepareStore(store, config, createLogger("silent"));
  // As api/node.ts wires it: batch bodies are read on worker threads.
  const scanner =
    THREADS > 0 ? startScanPool({ threads: THREADS, logger: createLogger("warn") }) : null;
  const app = createApp(
    testDeps({
      store,
      config,
      logger: createLogger("silent"),
      clientIp: () => null,
      scanBatch: scanner?.scan,
    }),
  );
  const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
  await once(server, "listening");
  // Building request bodies blocks the event loop for seconds; an idle keep-alive socket the
  // server closes meanwhile would reset the client's next request (ECONNRESET).
  (server as unknown as { keepAliveTimeout: number }).keepAliveTimeout = 600_000;
  const api = `http://127.0.0.1:${(server.address() as { port: number }).port}/api/v1`;
  try {
    const login = await fetch(`${api}/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "admin", password: PASSWORD }),
    });
    const { token } = (await login.json()) as { token: string };
    const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
    const { units, communities } = tree();
    const put = await fetch(`${api}/org-units`, {
      method: "PUT",
      headers,
      body: JSON.stringify({ units }),
    });
    if (put.status !== 200) throw new Error(`PUT org-units: ${put.status} ${await put.text()}`);
    const ids = new Map(
      (
        await sql<{ code: string; id: number }>`select code, id from org_unit`.execute(store.db)
      ).rows.map((r) => [r.code, r.id]),
    );

    const copyText = copyChunks(n, communities, ids);
    // The same unique key as case_record's primary key, in the same (bytewise) collation.
    await sql`create table bare_case (source text collate "C" not null,
      external_id text collate "C" not null,
      org_unit_id integer not null, kind case_kind not null, channel case_channel not null,
      category text, reported_at timestamptz not null, responded_at timestamptz,
      resolved_at timestamptz, deadline_at timestamptz, first_pass boolean not null,
      complaint boolean not null, online boolean not null, callback callback_verdict,
      unique (source, external_id))`.execute(store.db);
    // Each timed phase starts from a checkpoint: no phase pays for the dirty pages of another.
    const checkpoint = async () => {
      if (store.kind === "postgres") await sql`checkpoint`.execute(store.db);
    };
    // Context, once: the same COPY into a replica of case_record (its primary key and BRIN indexes).
    await sql`create table case_replica (like case_record including all)`.execute(store.db);
    await checkpoint();
    const t = performance.now();
    await store.copyText("case_replica", COLUMNS, copyText);
    const replicaS = (performance.now() - t) / 1000;
    await sql`drop table case_replica`.execute(store.db);

    // The client runs in a worker thread (its own event loop, as a platform would be its own
    // process); it builds its request bodies before the timed passes.
    const entry = new URL("./ingest-data/client.ts", import.meta.url).href;
    const client = new Worker(
      `import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`,
      {
        eval: true,
        workerData: { api, token, n, communities, inFlight: IN_FLIGHT } satisfies ClientData,
      },
    );
    client.on("error", (err) => console.error("ingest client:", err));
    const replies: ((m: unknown) => void)[] = [];
    client.on("message", (m) => replies.shift()?.(m));
    const next = () => new Promise<unknown>((resolve) => replies.push(resolve));
    await next(); // ready
    const send = async (): Promise<PassResult> => {
      const reply = next();
      client.postMessage("send");
      const m = (await reply) as { ok: boolean; result?: PassResult; error?: string };
      if (!m.ok) throw new Error(m.error);
      return m.result!;
    };
    /** Runs `f` from a checkpoint; its seconds and the CPU seconds it took. */
    const timed = async <T>(f: () => Promise<T>) => {
      await checkpoint();
      const c0 = cpuSeconds();
      const t0 = performance.now();
      const value = await f();
      const seconds = (performance.now() - t0) / 1000;
      const c1 = cpuSeconds();
      return { value, seconds, node: c1.node - c0.node, postgres: c1.postgres - c0.postgres };
    };

    const { cpus, loadavg } = await import("node:os");
    const rate = (sec: number) => Math.round(n / sec).toLocaleString("en");
    console.log(
      `\n${label}: ${n.toLocaleString("en")} cases, ${BATCH.toLocaleString("en")} per request, ${IN_FLIGHT} in flight, ${THREADS} scanning thread(s), ${ROUNDS} rounds (load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores)`,
    );
    console.log(
      `  context: COPY into a replica of case_record (its indexes), once   ${replicaS.toFixed(2)} s  ${rate(replicaS)} cases/s`,
    );
    console.log(
      "  round  baseline COPY FROM STDIN   POST /cases/batch, first pass   ratio   identical re-send          re-send/first",
    );
    const ratios: number[] = [];
    const resendRatios: number[] = [];
    const cpuLines: string[] = [];
    for (let r = 1; r <= ROUNDS; r++) {
      if (r > 1) await sql`truncate bare_case, case_record`.execute(store.db);
      const copy = await timed(() => store.copyText("bare_case", COLUMNS, copyText));
      const first = await timed(send);
      const again = await timed(send);
      if (first.value.inserted !== n || again.value.unchanged !== n) {
        throw new Error(
          `counts do not add up: inserted ${first.value.inserted}, unchanged ${again.value.unchanged}, rejected ${first.value.rejected}`,
        );
      }
      const ratio = copy.seconds / first.seconds;
      const resend = first.seconds / again.seconds;
      ratios.push(ratio);
      resendRatios.push(resend);
      const cell = (x: { seconds: number }) =>
        `${x.seconds.toFixed(2).padStart(6)} s ${rate(x.seconds).padStart(9)}/s`;
      console.log(
        `  ${String(r).padEnd(5)}  ${cell(copy)}     ${cell(first)}          ${ratio.toFixed(2)}    ${cell(again)}     ${resend.toFixed(2)}`,
      );
      const cpu = (x: { node: number; postgres: number }) =>
        `${x.node.toFixed(1)} + ${x.postgres.toFixed(1)}`;
      cpuLines.push(
        `  round ${r}: baseline COPY ${cpu(copy)}; first pass ${cpu(first)}; re-send ${cpu(again)}`,
      );
    }
    console.log(
      `  median ratio batch / COPY ${median(ratios).toFixed(2)} (goal ≥ 0.5); median re-send rate / first-pass rate ${median(resendRatios).toFixed(2)} (goal ≥ 1)`,
    );
    if (store.kind === "postgres") {
      console.log("  CPU seconds, this process (server, scanning thread, client) + PostgreSQL:");
      for (const line of cpuLines) console.log(line);
    }
    copyText.length = 0;
    await client.terminate();
    return api;
  } finally {
    server.close();
    await scanner?.close();
  }
}

const base = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const scratch = `bench_ingest_${Date.now()}`;
const admin = createPostgresStore({ connectionString: base, max: 1 });
await sql`create database ${sql.id(scratch)}`.execute(admin.db);
const url = new URL(base);
url.pathname = `/${scratch}`;
const pg = createPostgresStore({ connectionString: url.toString() });
const dir = await mkdtemp(join(tmpdir(), "bench-ingest-"));
try {
  if (args.only !== "pglite") await run(pg, N, "PostgreSQL");
  if (!args["skip-csv"] && args.only !== "pglite") {
    const csv = join(dir, "cases.csv");
    await writeCsv(csv, N, tree().communities);
    const child = spawnSync(
      process.execPath,
      // As `npm run import` runs it (package.json): V8 told to favour memory over speed.
      [
        "--optimize-for-size",
        "--import",
        "tsx",
        "scripts/import-cases.ts",
        csv,
        "--database-url",
        url.toString(),
        "--json",
      ],
      { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
    );
    if (child.status !== 0) throw new Error(`CSV import failed: ${child.stderr}`);
    const r = JSON.parse(child.stdout.trim().split("\n").pop()!) as {
      inserted: number;
      rejected: number;
      peakRssMb: number;
      seconds: number;
    };
    console.log(
      `  CSV import of ${N.toLocaleString("en")} rows (CLI, child process)  ${r.seconds.toFixed(1)} s, inserted ${r.inserted}, rejected ${r.rejected}, peak RSS ${r.peakRssMb.toFixed(0)} MB (goal < 300 MB)`,
    );
  }
  if (args.only !== "postgres") {
    const lite = await createPgliteStore(null);
    try {
      await run(lite, N_PGLITE, "PGlite (in memory)");
    } finally {
      await lite.close();
    }
  }
} finally {
  await pg.close();
  await rm(dir, { recursive: true, force: true });
  await sql`drop database if exists ${sql.id(scratch)} with (force)`.execute(admin.db);
  await admin.close();
}
