/**
 * `npm run bench -- freshness [pg|pglite]` (both by default): how long after a 10,000-case batch
 * commits the next overviews are served (issue 23 part 4, goal ≤ 1.5 s), beside the warm view.
 *
 * - PostgreSQL, city scale: 7,000 communities, 5 million cases reported in 2026Q3 (BENCH_CASES),
 *   and 1 million in each of 2026Q2 and 2025Q3 for 环比/同比 (BENCH_PREV_CASES).
 * - PGlite, district scale: 300 communities, 250,000 cases in 2026Q3 (50,000 in the others).
 *
 * Over real HTTP: the city overview (GET /indicators?children=true on the root) and a district's
 * are requested cold once and warm 20 times; then a batch of 10,000 cases (9,000 new, 1,000
 * already stored and changed: moved to another community, a tenth of them into 2026Q2) is
 * POSTed, and from its answer (the commit) the city overview, the same district's and a district
 * nobody asked for are requested in turn. Each is timed from the commit. The engine patches the
 * figures in use after the commit (api/indicators/fresh.ts); before, each was a cold rebuild. A
 * district's handling-hour percentiles come from every unit's own sorted hours (one scan of the
 * quarter on the first overview, patched after each batch), so a district nobody asked for
 * costs a merge in memory.
 * Scratch PostgreSQL database, dropped at the end; BENCH_DB=name reuses (and keeps) one.
 */
import { cpus, loadavg } from "node:os";
import { serve } from "@hono/node-server";
import { sql } from "kysely";
import { createApp } from "../api/app.ts";
import { prepareStore } from "../api/boot.ts";
import { loadConfig } from "../api/config.ts";
import { createPgliteStore, createPostgresStore, type Store } from "../api/db/client.ts";
import { createLogger } from "../api/logger.ts";
import { formatPeriod, type Quarter, quarterStart, shiftQuarter } from "../shapes/periods.ts";
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
const BATCH = 10_000;

const ms = (t: number) => `${t.toFixed(0)} ms`;
const load1 = () => loadavg()[0]!.toFixed(1);
function quantile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))] ?? Number.NaN;
}

async function load(store: Store, shape: DistrictShape[], perQuarter: number, previous: number) {
  const t0 = performance.now();
  console.log(`  tree: ${await createTree(store, shape)} units`);
  for (const [q, n] of [
    [Q, perQuarter],
    [shiftQuarter(Q, -1), previous],
    [shiftQuarter(Q, -4), previous],
  ] as const) {
    await generateCases(store, q, n, formatPeriod(q));
    await generateResponses(store, q, 30);
    console.log(`  cases ${formatPeriod(q)}: ${n.toLocaleString("en")}`);
  }
  await generateReturns(store, Q.year, Q.quarter);
  await generateReturns(store, Q.year - 1, Q.quarter);
  await analyze(store);
  console.log(`  loaded in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
}

/** 9,000 new cases and 1,000 stored ones changed (moved; a tenth into the previous quarter). */
async function makeBatch(store: Store, round: number) {
  const { rows } = await sql<{ code: string }>`
    select code from org_unit where level = 'community' order by id`.execute(store.db);
  const codes = rows.map((r) => r.code);
  const start = quarterStart(Q).getTime();
  const prev = quarterStart(shiftQuarter(Q, -1)).getTime();
  const iso = (t: number) => new Date(t).toISOString();
  const cases = [];
  for (let i = 0; i < BATCH; i++) {
    const stored = i < BATCH / 10;
    const reported = (stored && i % 10 === 0 ? prev : start) + ((i * 7919) % 80) * 86_400_000;
    const kind = (["event", "appeal", "service"] as const)[i % 3]!;
    cases.push({
      source: "bench",
      // The stored ones are among the generated cases of Q (`2026Q3-N`).
      externalId: stored ? `${formatPeriod(Q)}-${1 + i * 37}` : `fresh${round}-${i}`,
      orgUnit: codes[(i * 104_729 + round * 13) % codes.length],
      kind,
      channel: kind === "service" ? "window" : "hotline",
      reportedAt: iso(reported),
      respondedAt: kind === "appeal" ? iso(reported + 30 * 60_000) : null,
      resolvedAt: i % 4 === 0 ? null : iso(reported + ((i % 50) + 1) * 3_600_000),
      deadlineAt: kind === "service" ? null : iso(reported + 72 * 3_600_000),
      callback: i % 2 ? "satisfied" : null,
    });
  }
  return JSON.stringify({ cases });
}

async function run(store: Store, city: string, district: string, other: string) {
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
    const headers = { authorization: `Bearer ${token}` };
    const overview = async (unit: string) => {
      const t = performance.now();
      const url = `${api}/indicators?period=${formatPeriod(Q)}&orgUnit=${unit}&children=true`;
      const res = await fetch(url, { headers });
      const body = await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`GET ${url}: ${res.status}`);
      const { units } = JSON.parse(new TextDecoder().decode(body)) as {
        units: { counts: { byKind: Record<string, number> } }[];
      };
      const cases = Object.values(units[0]!.counts.byKind).reduce((a, b) => a + b, 0);
      return { ms: performance.now() - t, cases };
    };
    const cold = await overview(city);
    const coldDistrict = await overview(district);
    console.log(
      `  cold (first request, whole-tree Q, Q−1, Q−4 + percentiles): city ${ms(cold.ms)}, district ${district} ${ms(coldDistrict.ms)}`,
    );
    for (let round = 1; round <= 2; round++) {
      const warm: number[] = [];
      for (let i = 0; i < 20; i++) warm.push((await overview(i % 2 ? district : city)).ms);
      const body = await makeBatch(store, round);
      const t0 = performance.now();
      const res = await fetch(`${api}/cases/batch`, {
        method: "POST",
        headers: { ...headers, "content-type": "application/json" },
        body,
      });
      const summary = (await res.json()) as Record<string, unknown>;
      const committed = performance.now();
      if (res.status !== 200) throw new Error(`POST /cases/batch: ${res.status}`);
      const c = await overview(city);
      const tc = performance.now() - committed;
      const d = await overview(district);
      const td = performance.now() - committed;
      const o = await overview(other);
      console.log(
        `  batch ${round}: ${BATCH} cases (inserted ${summary.inserted}, updated ${summary.updated}) in ${ms(committed - t0)}; load ${load1()}`,
      );
      console.log(
        `      from the commit: city overview served after ${ms(tc)} (request ${ms(c.ms)}), district ${district} after ${ms(td)} (request ${ms(d.ms)}); goal ≤ 1500 ms`,
      );
      console.log(
        `      district ${other} (never asked before: percentiles merged from every unit's hours) ${ms(o.ms)}; city cases in Q ${c.cases.toLocaleString("en")}`,
      );
      console.log(
        `      warm view before the batch, 20 requests: p50 ${ms(quantile(warm, 0.5))}, p95 ${ms(quantile(warm, 0.95))}`,
      );
    }
  } finally {
    server.close();
  }
}

async function postgres() {
  const base = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const reuse = process.env.BENCH_DB;
  const name = reuse ?? `bench_fresh_${Date.now()}`;
  const admin = createPostgresStore({ connectionString: base, max: 1 });
  const { rows } = await sql`select 1 from pg_database where datname = ${name}`.execute(admin.db);
  if (rows.length === 0) await sql`create database ${sql.id(name)}`.execute(admin.db);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const store = createPostgresStore({ connectionString: url.toString() });
  try {
    const config = loadConfig({ LOG_LEVEL: "silent", ADMIN_PASSWORD: PASSWORD, SEED_DEMO: "0" });
    await prepareStore(store, config, createLogger("silent"));
    console.log(`PostgreSQL, city scale, database ${name}`);
    const loaded = await store.db.selectFrom("org_unit").select("id").limit(1).execute();
    if (loaded.length === 0) {
      const shape = [
        { streets: 300, communitiesPerStreet: 2 },
        ...Array.from({ length: 15 }, () => ({ streets: 21, communitiesPerStreet: 20 })),
      ];
      const perQuarter = Number(process.env.BENCH_CASES ?? 5_000_000);
      await load(store, shape, perQuarter, Number(process.env.BENCH_PREV_CASES ?? 1_000_000));
    } else {
      console.log("  reusing the loaded database");
    }
    await run(store, "B0", "B02", "B09");
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
    console.log("PGlite (in memory), district scale: 300 communities, 250,000 cases in 2026Q3");
    await load(store, [{ streets: 15, communitiesPerStreet: 20 }], 250_000, 50_000);
    await run(store, "B01", "B01S001", "B01S009");
  } finally {
    await store.close();
  }
}

console.log(
  `machine: ${cpus().length} CPUs, load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")}`,
);
if (which === "both" || which === "pg") await postgres();
if (which === "both" || which === "pglite") await pglite();
