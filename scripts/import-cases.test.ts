import { spawn } from "node:child_process";
import { mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareStore } from "../api/boot.ts";
import { loadConfig } from "../api/config.ts";
import { createPgliteStore } from "../api/db/client.ts";
import { SPOOL_PARAM } from "../api/jobs/runner.ts";
import { createLogger } from "../api/logger.ts";
import { ADMIN_PASSWORD, login, seedSmallWorld } from "../test/accounts.ts";
import { freePort, type RunningApp, startApp } from "../test/app-process.ts";
import { openTestEnv, type TestEnv } from "../test/stores.ts";

// `npm run import -- FILE …`, run for real in a child process: straight into PostgreSQL, into
// a PGlite data directory, and through a running instance's API.

const HEADER = "来源,工单编号,单位编码,类型,渠道,上报时间,办结时间,一次办结\n";
const csv = (source: string) =>
  HEADER +
  `${source},K1,C11,事件,热线,2026-07-01T08:00:00+08:00,2026-07-02T08:00:00+08:00,是\n` +
  `${source},K2,C12,诉求,网格巡查,2026-07-01 09:00:00+08:00,,否\n` +
  `${source},K3,C11,事件,热线,2026-07-01T08:00:00,,\n`; // no offset: rejected

interface Summary {
  received: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  peakRssMb: number;
}

/** Runs the CLI as `npm run import` does, and gives what it printed. */
function runCli(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--optimize-for-size", "--import", "tsx", "scripts/import-cases.ts", ...args],
      { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, LOG_LEVEL: "silent" } },
    );
    let out = "";
    let err = "";
    child.stdout.on("data", (c) => {
      out += c;
    });
    child.stderr.on("data", (c) => {
      err += c;
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) reject(new Error(`import exited with ${code}: ${err}`));
      else resolve(out);
    });
  });
}

/** The CLI's --json summary (its last line). */
const importCli = async (args: string[]) =>
  JSON.parse((await runCli([...args, "--json"])).trim().split("\n").pop()!) as Summary;

const expectFirstImport = (s: Summary) => {
  expect(s).toMatchObject({ received: 3, inserted: 2, updated: 0, unchanged: 0, rejected: 1 });
  expect(s.peakRssMb).toBeGreaterThan(0);
};

describe("the import CLI", () => {
  let dir: string;
  let pg: TestEnv;
  let lite: TestEnv;
  let liteAdmin: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "import-cli-"));
    pg = await openTestEnv("postgres", { ADMIN_PASSWORD });
    await seedSmallWorld(pg);
    lite = await openTestEnv("pglite", { ADMIN_PASSWORD });
    liteAdmin = (await seedSmallWorld(lite)).admin;
  });
  afterAll(async () => {
    await pg?.close();
    await lite?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("imports a file straight into PostgreSQL, and a second time as unchanged", async () => {
    const file = join(dir, "pg.csv");
    await writeFile(file, csv("cli-pg"));
    const printed = await runCli([file, "--database-url", pg.databaseUrl!]);
    expect(printed).toContain("received 3, inserted 2, updated 0, unchanged 0, rejected 1");
    expect(printed).toMatch(/row 3 \(K3\): reportedAt: 没有时区/);
    expect(await importCli([file, "--database-url", pg.databaseUrl!])).toMatchObject({
      inserted: 0,
      unchanged: 2,
    });
    const rows = await sql<{ external_id: string; channel: string; first_pass: boolean }>`
      select external_id, channel, first_pass from case_record where source = 'cli-pg'
      order by external_id`.execute(pg.store.db);
    expect(rows.rows).toEqual([
      { external_id: "K1", channel: "hotline", first_pass: true },
      { external_id: "K2", channel: "grid_patrol", first_pass: false },
    ]);
  });

  it("imports a file into a PGlite data directory", async () => {
    const dataDir = join(dir, "pglite");
    const store = await createPgliteStore(dataDir);
    await prepareStore(
      store,
      loadConfig({ LOG_LEVEL: "silent", SEED_DEMO: "0" }),
      createLogger("silent"),
    );
    await sql`insert into org_unit (code, name, level) values ('C11', '甲社区', 'community'),
      ('C12', '乙社区', 'community')`.execute(store.db);
    await sql`insert into org_closure (ancestor_id, descendant_id, depth)
      select id, id, 0 from org_unit`.execute(store.db);
    await store.close();
    const file = join(dir, "lite.csv");
    await writeFile(file, csv("cli-lite"));
    expectFirstImport(await importCli([file, "--data-dir", dataDir]));
    const reopened = await createPgliteStore(dataDir);
    try {
      const n = await sql<{ n: number }>`select count(*) as n from case_record
        where source = 'cli-lite'`.execute(reopened.db);
      expect(Number(n.rows[0]!.n)).toBe(2);
    } finally {
      await reopened.close();
    }
  });

  it("uploads a file to a running instance through its API", async () => {
    const file = join(dir, "api.csv");
    await writeFile(file, csv("cli-api"));
    expectFirstImport(await importCli([file, "--api", lite.baseUrl, "--token", liteAdmin]));
    const n = await sql<{ n: number }>`select count(*) as n from case_record
      where source = 'cli-api'`.execute(lite.store.db);
    expect(Number(n.rows[0]!.n)).toBe(2);
  });
});

/** Runs the CLI and gives its exit code and what it printed, whatever the code. */
function runCliToEnd(args: string[]) {
  const child = spawn(
    process.execPath,
    ["--optimize-for-size", "--import", "tsx", "scripts/import-cases.ts", ...args],
    { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, LOG_LEVEL: "silent" } },
  );
  let out = "";
  let err = "";
  child.stdout.on("data", (c) => {
    out += c;
  });
  child.stderr.on("data", (c) => {
    err += c;
  });
  return new Promise<{ code: number | null; out: string; err: string }>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, out, err }));
  });
}

// Issue 16, point 8d: the server is killed while it imports a large file; at its next start the
// job is marked failed ("interrupted") and its spooled upload removed, and the CLI, which waited
// through the restart, says so in Chinese and English. The clean-up itself is tested on both
// stores in api/jobs/runner.test.ts; this is the whole story on PostgreSQL.
describe("the import CLI when the server restarts during the import", () => {
  let env: TestEnv;
  let dir: string;
  const apps: RunningApp[] = [];
  beforeAll(async () => {
    env = await openTestEnv("postgres", { ADMIN_PASSWORD });
    await seedSmallWorld(env);
    dir = await mkdtemp(join(tmpdir(), "import-cli-restart-"));
  });
  afterAll(async () => {
    for (const a of apps) if (a.child.exitCode === null) a.child.kill("SIGKILL");
    await env?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("reports the interrupted job in both languages; the upload is gone", async () => {
    const port = await freePort();
    const appEnv = {
      DATABASE_URL: env.databaseUrl!,
      PORT: String(port),
      SEED_DEMO: "0",
      REPORT_CRON: "off",
      INGEST_THREADS: "0",
      // Request lines show when the CLI follows its job.
      LOG_LEVEL: "info",
    };
    const base = `http://127.0.0.1:${port}`;
    apps.push(await startApp(appEnv));
    const token = await login({ ...env, baseUrl: base }, "admin", ADMIN_PASSWORD);
    // Large enough to be imported by a job (more than 10,000 rows) that runs for a while.
    const rows = Array.from(
      { length: 150_000 },
      (_, i) =>
        `restart,R${i},${i % 2 ? "C11" : "C12"},事件,热线,2026-07-01T08:00:00+08:00,2026-07-02T08:00:00+08:00,是`,
    );
    const file = join(dir, "big.csv");
    await writeFile(file, `${HEADER}${rows.join("\n")}\n`);
    const cli = runCliToEnd([file, "--api", base, "--token", token]);

    // Wait until the job runs and the CLI follows it (it has the job's id), then kill the
    // server as a crash would.
    let job: { id: string; params: Record<string, unknown> } | undefined;
    const following = () => job && apps[0]!.output().includes(`"path":"/api/v1/jobs/${job.id}"`);
    for (const until = Date.now() + 60_000; !following() && Date.now() < until; ) {
      const found = await sql<{ id: string; params: Record<string, unknown> }>`
        select id, params from job where kind = 'cases.import' and status = 'running'`.execute(
        env.store.db,
      );
      job ??= found.rows[0];
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(following()).toBe(true);
    const still = await sql<{
      status: string;
    }>`select status from job where id = ${job!.id}`.execute(env.store.db);
    expect(still.rows[0]!.status).toBe("running");
    apps[0]!.child.kill("SIGKILL");
    await apps[0]!.exited;
    const spool = job!.params[SPOOL_PARAM] as string;
    expect((await stat(spool)).isDirectory()).toBe(true);

    apps.push(await startApp(appEnv));
    const done = await cli;
    expect(done.code).toBe(1);
    expect(done.err).toContain("导入中断：服务器在导入完成前重启");
    expect(done.err).toContain(
      "Import interrupted: the server restarted before the import finished",
    );
    await expect(stat(spool)).rejects.toThrow(/ENOENT/);
    const row = await sql<{ status: string; error: string }>`
      select status, error from job where id = ${job!.id}`.execute(env.store.db);
    expect(row.rows[0]).toMatchObject({
      status: "failed",
      error: expect.stringContaining("interrupted"),
    });
    apps[1]!.child.kill("SIGTERM");
    expect(await apps[1]!.exited).toBe(0);
  }, 180_000);
});
