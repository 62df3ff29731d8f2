/**
 * `npm run bench -- org-tree`: a city-sized org tree (7,000+ units) written through
 * PUT /api/v1/org-units over HTTP, then subtree reads through the closure table against a
 * baseline measured in the same run: PostgreSQL walking parent links with a recursive CTE.
 * Runs on PostgreSQL (DATABASE_URL or the local server) in a scratch database it drops.
 */
import { serve } from "@hono/node-server";
import { sql } from "kysely";
import { createApp } from "../api/app.ts";
import { prepareStore } from "../api/boot.ts";
import { loadConfig } from "../api/config.ts";
import { createPostgresStore } from "../api/db/client.ts";
import { createLogger } from "../api/logger.ts";
import { findUnitByCode, subtreeIds } from "../api/org-tree/queries.ts";
import { testDeps } from "../test/deps.ts";

const base = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const scratch = `bench_tree_${Date.now()}`;
const admin = createPostgresStore({ connectionString: base, max: 1 });
await sql`create database ${sql.id(scratch)}`.execute(admin.db);
const url = new URL(base);
url.pathname = `/${scratch}`;
const store = createPostgresStore({ connectionString: url.toString() });

function stats(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)] ?? 0;
  return `p50 ${at(0.5).toFixed(2)} ms, p95 ${at(0.95).toFixed(2)} ms`;
}

try {
  const config = loadConfig({
    LOG_LEVEL: "silent",
    ADMIN_PASSWORD: "bench-pass-369",
    SEED_DEMO: "0",
  });
  await prepareStore(store, config, createLogger("silent"));
  const app = createApp(
    testDeps({ store, config, logger: createLogger("silent"), clientIp: () => null }),
  );
  const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise((r) => server.once("listening", r));
  const port = (server.address() as { port: number }).port;
  const api = `http://127.0.0.1:${port}/api/v1`;
  const login = await fetch(`${api}/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: "admin", password: "bench-pass-369" }),
  });
  const { token } = (await login.json()) as { token: string };
  const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };

  const units: { code: string; name: string; level: string; parentCode?: string }[] = [
    { code: "3100", name: "市", level: "city" },
  ];
  for (let d = 1; d <= 16; d++) {
    const dc = `31${String(d).padStart(4, "0")}`;
    units.push({ code: dc, name: `第${d}区`, level: "district", parentCode: "3100" });
    for (let s = 1; s <= 20; s++) {
      const sc = `${dc}${String(s).padStart(3, "0")}`;
      units.push({ code: sc, name: `第${s}街道`, level: "street", parentCode: dc });
      for (let c = 1; c <= 22; c++) {
        units.push({
          code: `${sc}${String(c).padStart(3, "0")}`,
          name: `第${c}社区`,
          level: "community",
          parentCode: sc,
        });
      }
    }
  }
  const t0 = performance.now();
  const put = await fetch(`${api}/org-units`, {
    method: "PUT",
    headers,
    body: JSON.stringify({ units }),
  });
  const putMs = performance.now() - t0;
  if (put.status !== 200) throw new Error(`PUT failed: ${put.status} ${await put.text()}`);
  const t1 = performance.now();
  await fetch(`${api}/org-units`, { method: "PUT", headers, body: JSON.stringify({ units }) });
  const resendMs = performance.now() - t1;
  console.log(`units: ${units.length}`);
  console.log(
    `PUT all units (insert + closure): ${putMs.toFixed(0)} ms; identical re-send: ${resendMs.toFixed(0)} ms`,
  );

  const district = (await findUnitByCode(store.db, "310008"))!;
  const closureMs: number[] = [];
  const cteMs: number[] = [];
  let n = 0;
  for (let i = 0; i < 200; i++) {
    let t = performance.now();
    n = (await subtreeIds(store.db, district.id)).length;
    closureMs.push(performance.now() - t);
    t = performance.now();
    await sql`
      with recursive walk(id) as (select ${district.id}::int union all
        select u.id from org_unit u join walk w on u.parent_id = w.id)
      select id from walk`.execute(store.db);
    cteMs.push(performance.now() - t);
  }
  console.log(`subtree of a district (${n} units), 200 runs:`);
  console.log(`  closure table          ${stats(closureMs)}`);
  console.log(`  baseline recursive CTE ${stats(cteMs)}`);
  const httpMs: number[] = [];
  for (let i = 0; i < 100; i++) {
    const t = performance.now();
    const res = await fetch(`${api}/org-units?root=310008`, { headers });
    await res.arrayBuffer();
    httpMs.push(performance.now() - t);
  }
  console.log(`GET /org-units?root=<district> over HTTP (nested JSON), 100 runs: ${stats(httpMs)}`);
  server.close();
} finally {
  await store.close();
  await sql`drop database if exists ${sql.id(scratch)} with (force)`.execute(admin.db);
  await admin.close();
}
