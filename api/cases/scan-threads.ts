/**
 * Node only: the pool of threads that read POST /cases/batch bodies off the main thread
 * (fast-reader/scan-pool.ts), for api/node.ts, the test fixture and the bench to start; its
 * `scan` is what `readCaseBatch` takes as `scan`. Apart from read-batch.ts so that the Workers
 * build, which reaches read-batch.ts through the route, does not pull in node:worker_threads.
 */
export {
  type BatchScanner,
  defaultScanThreads,
  startScanPool,
} from "./fast-reader/scan-pool.ts";
