import type { Kysely } from "kysely";
import type { DB } from "../db/database.ts";
import { insertResponses, type ResponseWrite } from "./queries.ts";

interface Pending {
  row: ResponseWrite;
  resolve: (inserted: boolean) => void;
  reject: (err: unknown) => void;
}

/** Responses written together at most; a few ms of work even on PGlite. */
const MAX_BATCH = 500;
/**
 * Batches in flight at once. Two, so that one batch's insert overlaps the other's commit (the
 * data-version row they both bump serialises only the end of each transaction), and so that the
 * requests that arrive just after a batch left do not wait for it to commit.
 */
const MAX_IN_FLIGHT = 2;
/** A second batch starts beside a running one only with at least this many rows waiting. */
const PARALLEL_MIN = 8;
/**
 * Under load (the last batch held several rows) a batch that would start with few rows waits
 * this long for the requests that are on their way: the clients of the batch that just
 * committed send their next ones within about a millisecond. Idle, nothing waits.
 */
const LINGER_MS = 1;

/**
 * Group commit for public submissions. Each submission waits for its own row to be committed
 * (nothing is acknowledged before it is durable), but submissions that arrive while writes are
 * in flight are written together in the next one: one transaction, one multi-row insert and
 * one bump of the quarter's data version for the lot. When idle a submission is written at
 * once, so this adds no latency at low load; at high load it turns a hot data-version row that
 * every submission would otherwise lock in turn into one update per batch.
 *
 * If a batch fails, its rows are retried one by one, so one bad row fails only its own request.
 */
export class ResponseWriter {
  #queue: Pending[] = [];
  #inFlight = 0;
  #lastBatch = 0;
  #lingering = false;

  constructor(private readonly db: Kysely<DB>) {}

  /** Stores a response; resolves `true` when inserted, `false` when its id was already stored. */
  submit(row: ResponseWrite): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ row, resolve, reject });
      this.#pump();
    });
  }

  #pump() {
    if (this.#lingering) return;
    while (this.#inFlight < MAX_IN_FLIGHT && this.#queue.length > 0) {
      if (this.#inFlight > 0 && this.#queue.length < PARALLEL_MIN) return;
      if (this.#inFlight === 0 && this.#lastBatch > 1 && this.#queue.length < this.#lastBatch / 2) {
        this.#lingering = true;
        this.#lastBatch = 0; // linger once; if nobody comes, the load is gone
        setTimeout(() => {
          this.#lingering = false;
          this.#pump();
        }, LINGER_MS);
        return;
      }
      const batch = this.#queue.splice(0, MAX_BATCH);
      this.#lastBatch = batch.length;
      this.#inFlight++;
      void this.#run(batch).finally(() => {
        this.#inFlight--;
        this.#pump();
      });
    }
  }

  async #run(batch: Pending[]) {
    try {
      await this.#write(batch);
    } catch {
      for (const p of batch) {
        try {
          await this.#write([p]);
        } catch (err) {
          p.reject(err);
        }
      }
    }
  }

  async #write(batch: Pending[]) {
    // Two re-sends of one id in the same batch: the first one is the insert, the second a re-send.
    const unique = new Map<string, ResponseWrite>();
    for (const p of batch) if (!unique.has(p.row.id)) unique.set(p.row.id, p.row);
    const inserted = await insertResponses(this.db, [...unique.values()]);
    const claimed = new Set<string>();
    for (const p of batch) {
      const fresh = inserted.has(p.row.id) && !claimed.has(p.row.id);
      if (fresh) claimed.add(p.row.id);
      p.resolve(fresh);
    }
  }
}
