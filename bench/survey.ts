/**
 * `npm run bench -- survey [seconds] [connections]`: concurrent clients submitting valid
 * satisfaction responses (each with a fresh id) to the public POST /api/v1/survey-responses on
 * PostgreSQL, against a baseline measured in the same run on the same server: GET /healthz
 * (one `select 1`) under the same load. Prints responses/s and p99 latency of both and the
 * ratios. Goal: ≥ 1,500 responses/s with p99 ≤ 50 ms on a 2-core machine.
 *
 * The server runs in a child process (this file with `--serve`), so the load generator does not
 * share its event loop; the rate limit is off (SURVEY_RATE_LIMIT=0). PostgreSQL: DATABASE_URL or
 * the local server, in a scratch database that is dropped at the end.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { sql } from "kysely";
import { loadConfig } from "../api/config.ts";
import { createPostgresStore } from "../api/db/client.ts";
import { testDeps } from "../test/deps.ts";

const PASSWORD = "bench-pass-369";

async function serve(url: string) {
  const { serve: listen } = await import("@hono/node-server");
  const { getConnInfo } = await import("@hono/node-server/conninfo");
  const { createApp } = await import("../api/app.ts");
  const { prepareStore } = await import("../api/boot.ts");
  const { createLogger } = await import("../api/logger.ts");
  const config = loadConfig({
    DATABASE_URL: url,
    LOG_LEVEL: "silent",
    SEED_DEMO: "0",
    ADMIN_PASSWORD: PASSWORD,
    SURVEY_RATE_LIMIT: "0",
  });
  const store = createPostgresStore({ connectionString: url, max: config.DB_POOL_MAX });
  await prepareStore(store, config, createLogger("silent"));
  const app = createApp(
    testDeps({
      store,
      config,
      logger: createLogger("silent"),
      clientIp: (c) => getConnInfo(c).remote.address ?? null,
    }),
  );
  const server = listen({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
  server.once("listening", () => {
    process.stdout.write(`port ${(server.address() as { port: number }).port}\n`);
  });
  process.once("SIGTERM", () => {
    server.close();
    void store.close().then(() => process.exit(0));
  });
}

function startServer(url: string): Promise<{ child: ChildProcess; base: string }> {
  // BENCH_CPU_PROF=1 writes a V8 CPU profile of the server to $TMPDIR/scorecard-bench-profiles.
  const dir = `${tmpdir()}/scorecard-bench-profiles`;
  const prof = process.env.BENCH_CPU_PROF === "1" ? ["--cpu-prof", `--cpu-prof-dir=${dir}`] : [];
  const child = spawn(
    process.execPath,
    [...prof, "--import", "tsx", fileURLToPath(import.meta.url), "--serve", url],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (d) => {
      out += String(d);
      const m = /port (\d+)/.exec(out);
      if (m) resolve({ child, base: `http://127.0.0.1:${m[1]}` });
    });
    child.once("exit", (code) => reject(new Error(`server exited (${code}) before listening`)));
  });
}

interface Run {
  rps: number;
  p50: number;
  p99: number;
  ok: number;
  bad: number;
  errors: number;
}

async function load(opts: autocannon.Options): Promise<Run> {
  const r = await autocannon(opts);
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    ok: r["2xx"],
    bad: r.non2xx,
    errors: r.errors + r.timeouts,
  };
}

async function main() {
  const seconds = Number(process.argv[2] ?? 10);
  const connections = Number(process.argv[3] ?? 32);
  const baseUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const scratch = `bench_survey_${Date.now()}`;
  const admin = createPostgresStore({ connectionString: baseUrl, max: 1 });
  await sql`create database ${sql.id(scratch)}`.execute(admin.db);
  const url = new URL(baseUrl);
  url.pathname = `/${scratch}`;
  let child: ChildProcess | null = null;
  try {
    const started = await startServer(url.toString());
    child = started.child;
    const api = `${started.base}/api/v1`;
    const login = await fetch(`${api}/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "admin", password: PASSWORD }),
    });
    const { token } = (await login.json()) as { token: string };
    const units = [
      { code: "B1", name: "基准区", level: "district" },
      { code: "B1S", name: "基准街道", level: "street", parentCode: "B1" },
      ...Array.from({ length: 20 }, (_, i) => ({
        code: `B1S${String(i + 1).padStart(2, "0")}`,
        name: `第${i + 1}社区`,
        level: "community",
        parentCode: "B1S",
      })),
    ];
    const put = await fetch(`${api}/org-units`, {
      method: "PUT",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ units }),
    });
    if (put.status !== 200) throw new Error(`seeding units failed: ${put.status}`);

    let n = 0;
    const survey: autocannon.Options = {
      url: `${api}/survey-responses`,
      connections,
      duration: seconds,
      requests: [
        {
          method: "POST",
          headers: { "content-type": "application/json", "user-agent": "bench-phone" },
          setupRequest: (req) => {
            n++;
            const v = (k: number) => ((n * 7 + k) % 5) + 1;
            return {
              ...req,
              body: JSON.stringify({
                id: crypto.randomUUID(),
                surveyId: "satisfaction",
                surveyVersion: 1,
                orgUnit: units[2 + (n % 20)]!.code,
                answers: {
                  overall: v(0),
                  timeliness: v(1),
                  effectiveness: v(2),
                  transparency: v(3),
                  attitude: v(4),
                  ageBand: ["18-39", "40-59", "60-79", "80+"][n % 4],
                  ...(n % 10 === 0 ? { comment: "希望加快处理，电话13812345678" } : {}),
                },
                mode: "self",
              }),
            };
          },
        },
      ],
    };
    const health: autocannon.Options = {
      url: `${started.base}/healthz`,
      connections,
      duration: seconds,
    };

    process.stdout.write(`warming up (2 s each)…\n`);
    await load({ ...health, duration: 2 });
    await load({ ...survey, duration: 2 });
    process.stdout.write(`measuring: ${connections} connections, ${seconds} s each\n`);
    const base = await load(health);
    const commits = await commitRate(url.toString(), connections, seconds);
    const before = await countResponses(url.toString());
    const run = await load(survey);
    const stored = (await countResponses(url.toString())) - before;

    const line = (name: string, r: Run) =>
      `  ${name.padEnd(34)} ${r.rps.toFixed(0).padStart(7)} req/s   p50 ${String(r.p50).padStart(4)} ms   p99 ${String(r.p99).padStart(4)} ms   2xx ${r.ok}  non-2xx ${r.bad}  errors ${r.errors}`;
    process.stdout.write(
      `${[
        `PostgreSQL ${baseUrl.replace(/\/\/[^@]*@/, "//")} (scratch ${scratch}); load average ${(await loadAverage()).join(" ")}`,
        line("baseline GET /healthz", base),
        `  ${"PostgreSQL alone: 1-row commits".padEnd(34)} ${commits.toFixed(0).padStart(7)} tx/s    (${connections} clients, no app: what durable commits cost right now)`,
        line("POST /api/v1/survey-responses", run),
        `  stored ${stored} new responses (2xx ${run.ok}; the rest were in flight at the end)`,
        `  ratio to baseline: throughput ${(run.rps / base.rps).toFixed(2)}×, p99 ${(run.p99 / Math.max(1, base.p99)).toFixed(2)}×`,
        `  goal ≥ 1500 responses/s and p99 ≤ 50 ms: ${run.rps >= 1500 && run.p99 <= 50 ? "met" : "NOT met"}`,
      ].join("\n")}\n`,
    );
  } finally {
    child?.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 300));
    await sql`drop database if exists ${sql.id(scratch)} with (force)`.execute(admin.db);
    await admin.close();
  }
}

/**
 * A second reference: the commits per second PostgreSQL itself manages right now, with the same
 * number of clients each committing one-row inserts. Survey writes are durable commits, /healthz
 * is not, so this shows how much of a slow run is the database (other load, a busy disk).
 */
async function commitRate(url: string, clients: number, seconds: number): Promise<number> {
  const store = createPostgresStore({ connectionString: url, max: clients });
  try {
    await sql`create table bench_commit (id bigint generated always as identity, at timestamptz default now())`.execute(
      store.db,
    );
    const until = Date.now() + seconds * 1000;
    let n = 0;
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (Date.now() < until) {
          await store.db.transaction().execute(async (trx) => {
            await sql`insert into bench_commit default values`.execute(trx);
          });
          n++;
        }
      }),
    );
    await sql`drop table bench_commit`.execute(store.db);
    return n / seconds;
  } finally {
    await store.close();
  }
}

async function countResponses(url: string) {
  const store = createPostgresStore({ connectionString: url, max: 1 });
  try {
    const r = await sql<{ n: number }>`select count(*)::int as n from survey_response`.execute(
      store.db,
    );
    return r.rows[0]?.n ?? 0;
  } finally {
    await store.close();
  }
}

async function loadAverage(): Promise<string[]> {
  const { loadavg } = await import("node:os");
  return loadavg().map((x) => x.toFixed(2));
}

if (process.argv.includes("--serve")) {
  await serve(process.argv[process.argv.indexOf("--serve") + 1]!);
} else {
  await main();
}
