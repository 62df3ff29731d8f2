/**
 * Data-quality findings with the case aggregate behind them cached in the indicator engine:
 * the dashboard, GET /data-quality, exports and reports ask for the same subtree and quarter
 * many times, and the aggregate scans two quarters of raw cases. The cache key carries what the
 * aggregate depends on (the tree's fingerprint and the data versions of the quarter and the one
 * before, which every ingest bumps), so new data is seen by the next request. Returns, silent
 * sources and "has the quarter ended" depend on other tables or on `now` and are read each time.
 */
import type { Kysely } from "kysely";
import type { DB } from "../db/database.ts";
import {
  communityCaseStats,
  dataQualityFindings,
  type Finding,
  type FindingParams,
} from "../db/queries/data-quality.ts";
import { formatPeriod, shiftQuarter } from "../periods.ts";
import { engineFor } from "./engine.ts";

/** `dataQualityFindings` over the engine's cache. */
export async function findDataQuality(db: Kysely<DB>, p: FindingParams): Promise<Finding[]> {
  const engine = engineFor(db);
  const prev = shiftQuarter(p.period, -1);
  const state = await engine.state([...new Set([prev.year, p.period.year])]);
  const version = (q: typeof prev) => state.versions.get(formatPeriod(q)) ?? 0;
  const key = [
    "dq",
    formatPeriod(p.period),
    p.rootUnitId ?? "all",
    state.treeKey,
    version(prev),
    version(p.period),
  ].join("|");
  return dataQualityFindings(db, p, (params) =>
    engine.memo(key, 1, () => communityCaseStats(db, params)),
  );
}
