/**
 * Runs the stuffing signals (signals.ts) on public submissions as they arrive. The public path
 * writes each response through the group-commit writer and must stay one insert, so the signals
 * run here on a timer in the Node process instead: every few minutes over today and yesterday
 * (Beijing days; a day is judged whole, so yesterday is finished once after midnight). Batches and
 * imports run them at once (ingest.ts). Not started on Workers; POST /survey-flags/detect covers
 * any quarter on demand.
 */
import type { Kysely } from "kysely";
import type { DB } from "../../db/database.ts";
import type { Logger } from "../../logger.ts";
import { type Repeated, repeatEvery } from "../../runtime/repeat.ts";
import { detectSurveyFlags } from "./signals.ts";

export type SurveyWatch = Repeated<void>;

export function startSurveyWatch(opts: {
  db: Kysely<DB>;
  logger?: Logger | undefined;
  /** How often to look (default 5 minutes). */
  intervalMs?: number;
}): SurveyWatch {
  return repeatEvery(opts.intervalMs ?? 300_000, () => {
    const now = new Date();
    return detectSurveyFlags(opts.db, { from: new Date(now.getTime() - 86_400_000), to: now })
      .then((raised) => {
        const n = raised.repeat_client + raised.straight_line + raised.burst;
        if (n > 0) opts.logger?.info({ raised }, "survey responses flagged for review");
      })
      .catch((err: unknown) => opts.logger?.warn({ err }, "survey signal pass failed"));
  });
}
