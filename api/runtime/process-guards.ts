import type { Logger } from "../logger.ts";

/**
 * Process-level last resorts (Node entry only): an error no code caught is logged and the
 * process keeps serving.
 *
 * Node's default is to exit on either event. For this service that turns one bad request or
 * one bad background job into an outage for every user, and into a crash loop when the job is
 * picked up again at the next start (drafts left running are re-queued at boot).
 *
 * - `unhandledRejection`: a promise rejected and nobody awaited it. The work that failed is lost,
 *   but nothing was interrupted half-way: the code after the failed await never ran. Logging it
 *   and continuing is safe.
 * - `uncaughtException`: a synchronous throw escaped a callback (a timer, an event handler).
 *   Node's documentation warns that the process may then be in an undefined state. Here the
 *   state that matters is in the database, and every write is a transaction, so a throw cannot
 *   leave half-written data; what a throw can leave inconsistent is in-process bookkeeping of
 *   one feature (a queue's slot, a cache entry), which degrades that feature, not the whole
 *   service. We therefore log at `fatal` (an alert and a bug to fix) and keep serving, as the
 *   issue asks, rather than exit and drop every request in flight. An operator who prefers
 *   restarts can still restart on that log line.
 *
 * Errors during start-up are not covered: `main` catches those and exits, so a half-wired
 * process never serves.
 */
export function installProcessGuards(logger: Logger): () => void {
  const onRejection = (reason: unknown) => {
    logger.error({ err: reason }, "unhandled promise rejection; the process keeps serving");
  };
  const onException = (err: Error, origin: string) => {
    logger.fatal({ err, origin }, "uncaught exception; the process keeps serving");
  };
  process.on("unhandledRejection", onRejection);
  process.on("uncaughtException", onException);
  return () => {
    process.off("unhandledRejection", onRejection);
    process.off("uncaughtException", onException);
  };
}
