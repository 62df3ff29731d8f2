/**
 * `npm run bench -- indicators [pg|pglite]` (both by default): the indicator engine against a
 * baseline measured in the same run.
 *
 * - PostgreSQL (DATABASE_URL or the local server), city scale: 7,000 communities, 5 million cases
 *   reported in 2026Q3 (plus the same in 2026Q2 and 2025Q3 for 环比/同比), returns and responses.
 *   (a) cold whole-tree computation of one quarter (the engine's set-based queries, no app cache)
 *       against one plain GROUP BY org_unit_id over the quarter's cases with the same sums;
 *       goal ≤ 2×.
 *   (b) warm GET /api/v1/indicators?children=true for a district with 300 children over real
 *       HTTP, 200 requests; goal p95 < 50 ms.
 * - PGlite, district scale (1 million cases a year: 250,000 a quarter): the same two figures.
 * - Both: (c) another process's first look at the quarter, reading the figures stored in the
 *   database against computing them from the cases.
 *
 * Scratch PostgreSQL database, dropped at the end; BENCH_DB=name reuses (and keeps) a loaded one.
 * BENCH_CASES sets cases per quarter at city scale (default 5,000,000); BENCH_RUNS the timed
 * runs of (a) (default 5; 0 skips it). BENCH_EXEMPT_PERCENT (default 1) marks that share of the
 * quarter's cases exempt (核减, an approved appeal) before (a): the engine filters them out, the
 * baseline GROUP BY does not, so the ratio includes the exemption filter's cost (issue 18).
 */
import { cpus, loadavg } from "node:os";
import { serve } from "@hono/node-server";
import { sql } from "kysely";
import { createApp } from "../api/app.ts";
import { prepareStore } from "../api/boot.ts";
import { loadConfig } from "../api/config.ts";
import { createPgliteStore, createPostgresStore, type Store } from "../api/db/client.ts";
import { IndicatorEngine, loadQuarterFigures, quarterRange } from "../api/indicators/engine.ts";
import { caseSumsBySubtree, caseSumsByUnit } from "../api/indicators/queries/case-sums.ts";
import { returnSumsBySubtree, surveySumsBySubtree } from "../api/indicators/queries/sums.ts";
import { createLogger } from "../api/logger.ts";
import { formatPeriod, type Quarter, shiftQuarter } from "../shapes/periods.ts";
import { testDeps } from "../test/deps.ts";
import {
  analyze,
  createTree,
  type DistrictShape,
  generateCases,
  generateResponses,
  generateReturns,
} from "./data/synthetic.ts";

const Q: Quarter = { year: 2026, quarter: 3 };
const PASSWORD = "bench-pass-369";
const which = process.argv[2] ?? "both";
/** Timed runs of (a); BENCH_RUNS=0 skips it. */
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

const ms = (t: number) => `${t.toFixed(1)} ms`;
function quantile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))] ?? Number.NaN;
}
async function time<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t = performance.now();
  const v = await fn();
  return [performance.now() - t, v];
}

async function load(store: Store, shape: DistrictShape[], perQuarter: number, responses: number) {
  const t0 = performance.now();
  const units = await createTree(store, shape);
  console.log(`  tree: ${units} units`);
  for (const q of [Q, shiftQuarter(Q, -1), shiftQuarter(Q, -4)]) {
    const label = formatPeriod(q);
    await generateCases(store, q, perQuarter, label, (done) =>
      process.stdout.write(`\r  cases ${label}: ${done.toLocaleString("en")}`),
    );
    process.stdout.write("\n");
    await generateResponses(store, q, responses);
  }
  await generateReturns(store, Q.year, Q.quarter);
  await generateReturns(store, Q.year - 1, Q.quarter);
  await analyze(store);
  console.log(`  loaded in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
}

/** Exempt share of the quarter's cases (%), as issue 18 measures the exemption filter. */
const EXEMPT_PERCENT = Number(process.env.BENCH_EXEMPT_PERCENT ?? 1);

/**
 * Marks `EXEMPT_PERCENT` % of the quarter's cases exempt (a pseudo-random, reproducible share by
 * the case's identity) under a stand-in appeal id, as an approved appeal would; idempotent.
 */
async function markExempt(store: Store) {
  const range = quarterRange(Q);
  const every = Math.round(100 / EXEMPT_PERCENT);
  await sql`update case_record set exempt_appeal_id = null where exempt_appeal_id = -1`.execute(
    store.db,
  );
  if (EXEMPT_PERCENT <= 0) return 0;
  const { numAffectedRows } = await sql`
    update case_record set exempt_appeal_id = -1
    where reported_at >= ${range.start} and reported_at < ${range.end}
      and abs(hashtext(source || '/' || external_id)) % ${every}::int = 0`.execute(store.db);
  await sql`analyze case_record`.execute(store.db);
  return Number(numAffectedRows ?? 0);
}

/** (a): the engine's cold whole-tree computation against the plain GROUP BY, alternating runs. */
async function coldComputation(store: Store, runs: number) {
  const range = quarterRange(Q);
  const exempt = await markExempt(store);
  const engine: number[] = [];
  const baseline: number[] = [];
  await caseSumsByUnit(store.db, range, 60); // warm PostgreSQL's buffers for both alike
  await loadQuarterFigures(store.db, Q, 60);
  let units = 0;
  let leaves = 0;
  for (let i = 0; i < runs; i++) {
    const [b, rows] = await time(() => caseSumsByUnit(store.db, range, 60));
    baseline.push(b);
    leaves = rows.length;
    const [e, f] = await time(() => loadQuarterFigures(store.db, Q, 60));
    engine.push(e);
    units = f.units.size;
  }
  const [c] = await time(() => caseSumsBySubtree(store.db, range, 60));
  const [r] = await time(() => returnSumsBySubtree(store.db, range));
  const [s] = await time(() => surveySumsBySubtree(store.db, range, "satisfaction"));
  const be = quantile(baseline, 0.5);
  const en = quantile(engine, 0.5);
  console.log(`  (a) cold whole-tree computation of ${formatPeriod(Q)}, median of ${runs}:`);
  console.log(
    `      exempt cases (核减): ${exempt.toLocaleString("en")} of the quarter's (${EXEMPT_PERCENT}% asked), filtered by the engine only`,
  );
  console.log(
    `      baseline: plain GROUP BY org_unit_id, same sums, no exemption filter (${leaves} leaf units) ${ms(be)}`,
  );
  console.log(
    `      engine: cases + returns + surveys over org_closure (${units} units)   ${ms(en)}`,
  );
  console.log(`      ratio engine / baseline: ${(en / be).toFixed(2)}× (goal ≤ 2×)`);
  console.log(
    `      parts run alone: case sums by subtree ${ms(c)}, returns ${ms(r)}, surveys ${ms(s)}`,
  );
}

/** (b): one cold and `n` warm GET /indicators?children=true over real HTTP. */
async function warmRequests(store: Store, unitCode: string, n: number) {
  const config = loadConfig({ LOG_LEVEL: "silent", ADMIN_PASSWORD: PASSWORD, SEED_DEMO: "0" });
  const app = createApp(
    testDeps({ store, config, logger: createLogger("silent"), clientIp: () => null }),
  );
  const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise((resolve) => server.once("listening", resolve));
  const api = `http://127.0.0.1:${(server.address() as { port: number }).port}/api/v1`;
  try {
    const login = await fetch(`${api}/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "admin", password: PASSWORD }),
    });
    const { token } = (await login.json()) as { token: string };
    const url = `${api}/indicators?period=${formatPeriod(Q)}&orgUnit=${unitCode}&children=true`;
    // Timed to the last byte of the body, as a client sees latency; parsing is the client's work.
    const get = async () => {
      const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
      const bytes = await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`GET ${url}: ${res.status}`);
      return bytes;
    };
    const [cold, first] = await time(get);
    const count = (JSON.parse(new TextDecoder().decode(first)) as { units: unknown[] }).units
      .length;
    const warm: number[] = [];
    for (let i = 0; i < n; i++) warm.push((await time(get))[0]);
    // Reference in the same run: an authenticated GET doing one small query, so the figure can be
    // read against what this machine gives any request at the moment.
    const refUrl = `${api}/org-units?root=${unitCode}&depth=0`;
    const ref: number[] = [];
    for (let i = 0; i < n; i++) {
      const [t] = await time(async () => {
        const res = await fetch(refUrl, { headers: { authorization: `Bearer ${token}` } });
        return res.arrayBuffer();
      });
      ref.push(t);
    }
    const kb = (first.byteLength / 1024).toFixed(0);
    console.log(
      `  (b) GET /indicators?orgUnit=${unitCode}&children=true (${count} units, ${kb} KiB):`,
    );
    console.log(`      first request (cold: Q, Q−1, Q−4 whole tree + percentiles) ${ms(cold)}`);
    console.log(
      `      warm, ${n} requests: p50 ${ms(quantile(warm, 0.5))}, p95 ${ms(quantile(warm, 0.95))} (goal p95 < 50 ms)`,
    );
    console.log(
      `      reference GET /org-units?root=${unitCode}&depth=0: p50 ${ms(quantile(ref, 0.5))}, p95 ${ms(quantile(ref, 0.95))}`,
    );
    console.log(`      load average now ${loadavg()[0]!.toFixed(1)}`);
  } finally {
    server.close();
  }
}

/**
 * (c): another process's first look at the quarter (a Worker, a second Node process): a fresh
 * engine reads the figures (b) stored instead of computing them from the cases again.
 */
async function storedFigures(store: Store) {
  const engine = new IndicatorEngine(store.db);
  const state = await engine.state([Q.year]);
  const [read, f] = await time(() => engine.figures(Q, 60, state)); // 60: the default scheme's G3 limit
  const [computed] = await time(() => loadQuarterFigures(store.db, Q, 60));
  console.log(
    `  (c) another process's first look at ${formatPeriod(Q)}: stored figures read ${ms(read)} (${f.units.size} units) vs computed from the cases ${ms(computed)}`,
  );
}

async function postgres() {
  const base = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const reuse = process.env.BENCH_DB;
  const name = reuse ?? `bench_ind_${Date.now()}`;
  const admin = createPostgresStore({ connectionString: base, max: 1 });
  const { rows } = await sql`select 1 from pg_database where datname = ${name}`.execute(admin.db);
  if (rows.length === 0) await sql`create database ${sql.id(name)}`.execute(admin.db);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const store = createPostgresStore({ connectionString: url.toString() });
  try {
    const config = loadConfig({ LOG_LEVEL: "silent", ADMIN_PASSWORD: PASSWORD, SEED_DEMO: "0" });
    await prepareStore(store, config, createLogger("silent"));
    const perQuarter = Number(process.env.BENCH_CASES ?? 5_000_000);
    console.log(`PostgreSQL, city scale, database ${name}`);
    const loaded = await store.db.selectFrom("org_unit").select("id").limit(1).execute();
    if (loaded.length === 0) {
      // District B01 has 300 streets (2 communities each); 15 more of 21 × 20: 6,900 communities.
      const shape = [
        { streets: 300, communitiesPerStreet: 2 },
        ...Array.from({ length: 15 }, () => ({ streets: 21, communitiesPerStreet: 20 })),
      ];
      await load(store, shape, perQuarter, 30);
    } else {
      console.log("  reusing the loaded database");
    }
    if (RUNS > 0) await coldComputation(store, RUNS);
    await warmRequests(store, "B01", 200);
    await storedFigures(store);
  } finally {
    await store.close();
    if (!reuse) await sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin.db);
    await admin.close();
  }
}

async function pglite() {
  const store = await createPgliteStore(null);
  try {
    const config = loadConfig({ LOG_LEVEL: "silent", ADMIN_PASSWORD: PASSWORD, SEED_DEMO: "0" });
    await prepareStore(store, config, createLogger("silent"));
    console.log("PGlite (in memory), district scale: 300 communities, 250,000 cases a quarter");
    await load(store, [{ streets: 15, communitiesPerStreet: 20 }], 250_000, 30);
    if (RUNS > 0) await coldComputation(store, RUNS);
    await warmRequests(store, "B01", 200);
    await warmRequests(store, "B01S001", 200);
    await storedFigures(store);
  } finally {
    await store.close();
  }
}

// Figures depend on what else the machine runs; say so beside them.
console.log(
  `machine: ${cpus().length} CPUs, load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")}`,
);
if (which === "both" || which === "pg") await postgres();
if (which === "both" || which === "pglite") await pglite();
