import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { serve } from "@hono/node-server";
import { sql } from "kysely";
import { inject } from "vitest";
import { createApp } from "../api/app.ts";
import { fileAssetReader } from "../api/assets/files.ts";
import { prepareStore } from "../api/boot.ts";
import { type BatchScanner, startScanPool } from "../api/cases/scan-threads.ts";
import { loadConfig } from "../api/config.ts";
import {
  createPgliteStore,
  createPostgresStore,
  type Store,
  type StoreKind,
} from "../api/db/client.ts";
import type { AppDeps } from "../api/env.ts";
import { nodeClientIp } from "../api/http/client-ip.ts";
import { createLogger } from "../api/logger.ts";
import { testDeps } from "./deps.ts";

export interface TestEnv {
  kind: StoreKind;
  store: Store;
  /** Base URL of the app served over real HTTP on a loopback port. */
  baseUrl: string;
  /** The PostgreSQL database's URL (PostgreSQL only), for tests that run a CLI against it. */
  databaseUrl: string | null;
  /** The batch-reading threads, when `INGEST_THREADS` asked for some (none by default). */
  scanner: BatchScanner | null;
  /** What the app was built with (its engine, its report queue and browser). */
  deps: AppDeps;
  close(): Promise<void>;
}

export const STORE_KINDS: readonly StoreKind[] = ["pglite", "postgres"];

/** A fresh PostgreSQL database on the suite's server (see global-setup.ts), dropped on close. */
async function freshPostgres(): Promise<{ store: Store; url: string; drop(): Promise<void> }> {
  const base = inject("pgUrl");
  const name = `t_${randomBytes(6).toString("hex")}`;
  const admin = createPostgresStore({ connectionString: base, max: 1 });
  await sql`create database ${sql.id(name)}`.execute(admin.db);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const store = createPostgresStore({ connectionString: url.toString(), max: 10 });
  return {
    store,
    url: url.toString(),
    async drop() {
      await sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin.db);
      await admin.close();
    },
  };
}

/**
 * The parametrised fixture: a migrated store of the given kind (in-memory PGlite or a fresh
 * PostgreSQL database) and the real app serving it over HTTP. `env` adds config variables;
 * `deps` replaces the password check (tests that count checks) or serves Swagger UI's files.
 */
export async function openTestEnv(
  kind: StoreKind,
  env: Record<string, string> = {},
  deps: Pick<AppDeps, "verifyPassword" | "readAsset" | "now"> = {},
): Promise<TestEnv> {
  const config = loadConfig({ SEED_DEMO: "0", LOG_LEVEL: "silent", ...env });
  const logger = createLogger(config.LOG_LEVEL);
  let store: Store;
  let drop = async () => {};
  let databaseUrl: string | null = null;
  if (kind === "pglite") {
    store = await createPgliteStore(null);
  } else {
    const pgdb = await freshPostgres();
    store = pgdb.store;
    drop = pgdb.drop;
    databaseUrl = pgdb.url;
  }
  await prepareStore(store, config, logger);
  // As api/node.ts wires them, when asked for (threads cost start-up time most tests need not pay).
  const threads = config.INGEST_THREADS ?? 0;
  const scanner = threads > 0 ? startScanPool({ threads, logger }) : null;
  if (scanner !== null) await scanner.ready();
  const appDeps = testDeps({
    store,
    config,
    logger,
    scanBatch: scanner?.scan,
    clientIp: nodeClientIp(config.TRUSTED_PROXIES),
    readAsset: async () => null,
    // Browser bundles from `npm run build:web` (scripts/test.mjs builds them before the tests).
    readWebAsset: fileAssetReader(fileURLToPath(new URL("../dist/web", import.meta.url))),
    ...deps,
  });
  const app = createApp(appDeps);
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  const port = (server.address() as AddressInfo).port;
  return {
    kind,
    store,
    baseUrl: `http://127.0.0.1:${port}`,
    databaseUrl,
    scanner,
    deps: appDeps,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
      await scanner?.close();
      await appDeps.reports?.stop();
      await appDeps.sheets?.close();
      await store.close();
      await drop();
    },
  };
}
