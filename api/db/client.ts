import { Kysely, PostgresDialect, type Transaction } from "kysely";
import pg from "pg";
import Cursor from "pg-cursor";
import { DomainError } from "../errors.ts";
import type { DB } from "./database.ts";

/** Which engine is behind the Kysely instance. Only this folder and the bulk path care. */
export type StoreKind = "postgres" | "pglite";

/**
 * COPY … FROM STDIN inside a `withCopy` transaction: `data` is PostgreSQL's binary COPY format
 * (header, rows, trailer). A failure (a duplicate key, a bad value) aborts the whole transaction.
 */
export type CopyIn = (table: string, columns: readonly string[], data: Uint8Array) => Promise<void>;

/**
 * A database handle: the Kysely instance the domain uses, plus a COPY-speed bulk loader and a
 * clean close. The loader is the one place where the two engines differ (pg streams COPY over
 * the socket; PGlite copies from an in-memory blob).
 */
export interface Store {
  kind: StoreKind;
  db: Kysely<DB>;
  /** Loads rows (already in COPY text format, one per line, `\n`-terminated) into a table. */
  copyText(
    table: string,
    columns: readonly string[],
    lines: AsyncIterable<string> | Iterable<string>,
  ): Promise<number>;
  /**
   * Runs `fn` in one transaction whose connection also takes COPY data (`copyIn`): the bulk
   * writers (case ingest) load rows at COPY speed and still commit or roll back with the rest
   * of their statements. Commits when `fn` resolves, rolls back when it throws.
   */
  withCopy<T>(fn: (trx: Transaction<DB>, copyIn: CopyIn) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;
const copyBinary = (table: string, columns: readonly string[], from: string) =>
  `COPY ${quoteIdent(table)} (${columns.map(quoteIdent).join(", ")}) FROM ${from} WITH (FORMAT binary)`;

/** An error that leaves the connection usable: one the server answered with an SQLSTATE. */
const isServerError = (err: unknown) =>
  /^[0-9A-Z]{5}$/.test(String((err as { code?: unknown })?.code));

const INT8_OID = 20;
const NUMERIC_OID = 1700;

/**
 * Type parsing, normalised in one place: pg returns int8 (count(*), sum(int)) and numeric as
 * strings, PGlite as numbers. Both become JS numbers here; our counts stay far below 2^53.
 */
const pgTypes = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === INT8_OID || oid === NUMERIC_OID) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format);
  },
};

export interface PostgresOptions {
  connectionString: string;
  max?: number;
  /** Told when an idle pooled connection is lost; the pool recovers on its own. */
  onIdleError?: (err: Error) => void;
}

/** Kysely over node-postgres. Used for `DATABASE_URL` and by the Worker through Hyperdrive. */
export function createPostgresStore(opts: PostgresOptions): Store {
  const pool = new pg.Pool({
    connectionString: opts.connectionString,
    max: opts.max ?? 10,
    types: pgTypes,
  });
  // An idle client whose connection the server ends (restart, failover, pg_terminate_backend)
  // makes the pool emit "error"; unhandled, that would crash the process. The pool replaces
  // the client on next use, so the event is only worth a note.
  pool.on("error", (err) => {
    opts.onIdleError?.(err);
  });
  // `cursor` lets `.stream()` read large results in chunks (exports) instead of all at once.
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool, cursor: Cursor }) });
  return {
    kind: "postgres",
    db,
    async copyText(table, columns, lines) {
      const { from } = await import("pg-copy-streams");
      const { pipeline } = await import("node:stream/promises");
      const { Readable } = await import("node:stream");
      const client = await pool.connect();
      try {
        const cols = columns.map((c) => `"${c}"`).join(", ");
        const stream = client.query(from(`COPY "${table}" (${cols}) FROM STDIN`));
        let n = 0;
        const counted = Readable.from(
          (async function* () {
            for await (const line of lines) {
              n++;
              yield line;
            }
          })(),
        );
        await pipeline(counted, stream);
        return n;
      } finally {
        client.release();
      }
    },
    async withCopy(fn) {
      const { from } = await import("pg-copy-streams");
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        // A Kysely bound to this one connection, so that its transaction and the COPY streams
        // share it. Kysely does not release a connection it did not take from a real pool.
        const bound = new Kysely<DB>({
          dialect: new PostgresDialect({
            pool: {
              connect: async () => ({ query: client.query.bind(client), release() {} }) as never,
              end: async () => {},
            },
            cursor: Cursor,
          }),
        });
        const copyIn: CopyIn = (table, columns, data) =>
          new Promise<void>((resolve, reject) => {
            const stream = client.query(from(copyBinary(table, columns, "STDIN")));
            stream.on("error", reject);
            stream.on("finish", resolve);
            stream.end(data);
          });
        return await bound.transaction().execute((trx) => fn(trx, copyIn));
      } catch (err) {
        // Anything but a server's answer (a lost socket, a protocol error) may leave the
        // connection unusable: the pool discards it instead of handing it out again.
        if (!isServerError(err) && !(err instanceof DomainError)) {
          broken = err instanceof Error ? err : new Error(String(err));
        }
        throw err;
      } finally {
        client.release(broken);
      }
    },
    async close() {
      await db.destroy();
    },
  };
}

/** Kysely over PGlite (embedded PostgreSQL in WebAssembly), persisted in `dataDir`. */
export async function createPgliteStore(dataDir: string | null): Promise<Store> {
  const { PGlite, types } = await import("@electric-sql/pglite");
  const { PGliteDialect } = await import("kysely-pglite-dialect");
  const toNumber = (v: string) => Number(v);
  const pglite = await PGlite.create(dataDir ?? undefined, {
    parsers: { [types.INT8]: toNumber, [types.NUMERIC]: toNumber },
  });
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
  let closed = false;
  return {
    kind: "pglite",
    db,
    async copyText(table, columns, lines) {
      // PGlite has one connection; callers must not hold a Kysely transaction while copying.
      const chunks: string[] = [];
      let n = 0;
      let size = 0;
      const cols = columns.map((c) => `"${c}"`).join(", ");
      const flush = async () => {
        if (chunks.length === 0) return;
        const blob = new Blob(chunks);
        chunks.length = 0;
        size = 0;
        await pglite.query(`COPY "${table}" (${cols}) FROM '/dev/blob'`, [], { blob });
      };
      for await (const line of lines) {
        chunks.push(line);
        n++;
        size += line.length;
        if (size > 8_000_000) await flush();
      }
      await flush();
      return n;
    },
    withCopy(fn) {
      // The dialect hands out PGlite's one connection to one Kysely user at a time and holds it
      // for the whole transaction, so a COPY sent to PGlite directly meanwhile runs inside it.
      return db.transaction().execute((trx) =>
        fn(trx, async (table, columns, data) => {
          await pglite.query(copyBinary(table, columns, "'/dev/blob'"), [], {
            blob: new Blob([data as Uint8Array<ArrayBuffer>]),
          });
        }),
      );
    },
    async close() {
      if (closed) return;
      closed = true;
      // Kysely's destroy closes PGlite through the dialect (kysely-pglite-dialect ≥ 1.3).
      await db.destroy();
      if (!pglite.closed) await pglite.close();
    },
  };
}
