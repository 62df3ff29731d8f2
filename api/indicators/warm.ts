/**
 * Keeps the dashboards' results warm while data arrives. Every ingest bumps the data version of
 * the quarters it touched, which retires the cached whole-tree figures of those quarters (they
 * are keyed by version): without this, the first dashboard request after each push from the
 * platform would rescan the quarter's cases itself (seconds at city scale). A timer in the Node
 * process looks every few seconds, with two small queries, whether a quarter requests used
 * lately has changed, and once the change has held still for one look, recomputes it in the
 * background; one pass at a time, and never while a bulk load keeps changing the quarter.
 * Changes made by other processes sharing the database are seen the same way. Not started on
 * Workers (a cache there lives one request).
 */
import type { Logger } from "../logger.ts";
import { type Repeated, repeatEvery } from "../runtime/repeat.ts";
import type { IndicatorEngine } from "./engine.ts";

export interface WarmerOptions {
  /** The engine whose cache is kept warm: the app's (`AppDeps.engine`). */
  engine: IndicatorEngine;
  logger?: Logger | undefined;
  /** How often to look (default 5 s). */
  intervalMs?: number;
  /** Results no request used for this long are left to go cold (default one hour). */
  hotForMs?: number;
}

/** `pass` runs one pass now (tests) and resolves with the number of results recomputed. */
export type Warmer = Repeated<number>;

export function startIndicatorWarmer(opts: WarmerOptions): Warmer {
  const { engine } = opts;
  const hotForMs = opts.hotForMs ?? 3_600_000;
  return repeatEvery(opts.intervalMs ?? 5_000, () =>
    engine
      .warm(hotForMs)
      .then((n) => {
        if (n > 0)
          opts.logger?.debug({ results: n }, "indicator results recomputed after new data");
        return n;
      })
      .catch((err: unknown) => {
        opts.logger?.warn({ err }, "indicator warm-up failed");
        return 0;
      }),
  );
}
