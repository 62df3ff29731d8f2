/**
 * Data-quality findings with the case aggregate behind them cached in the indicator engine:
 * the dashboard, GET /data-quality, exports and reports ask for the same subtree and quarter
 * many times, and the aggregate scans two quarters of raw cases. The cache key carries what the
 * aggregate depends on (the tree's fingerprint and the data versions of the quarter and the one
 * before, which every ingest bumps), so new data is seen by the next request. Returns, silent
 * sources and "has the quarter ended" depend on other tables or on `now` and are read each time.
 */
import type { Kysely } from "kysely";
import { formatPeriod, type Quarter, shiftQuarter } from "../../shapes/periods.ts";
import type { DB } from "../db/database.ts";
import { type EngineState, engineFor } from "../indicators/engine.ts";
import {
  communityCaseStats,
  dataQualityFindings,
  type Finding,
  type FindingParams,
} from "./queries.ts";

/** `dataQualityFindings` over the engine's cache. */
export async function findDataQuality(db: Kysely<DB>, p: FindingParams): Promise<Finding[]> {
  const engine = engineFor(db);
  const prev = shiftQuarter(p.period, -1);
  const years = [...new Set([prev.year, p.period.year])];
  const version = (s: EngineState, q: Quarter) => s.versions.get(formatPeriod(q)) ?? 0;
  const name = ["dq", formatPeriod(p.period), p.rootUnitId ?? "all"].join("|");
  const key = (s: EngineState) =>
    [name, s.treeKey, version(s, prev), version(s, p.period)].join("|");
  const stats = (s: EngineState) => engine.memo(key(s), 1, () => communityCaseStats(db, p));
  // Kept current in the background after new data, like the figures (api/indicators/warm.ts).
  engine.used(name, { years, key, run: stats });
  const state = await engine.state(years);
  return dataQualityFindings(db, p, () => stats(state));
}
