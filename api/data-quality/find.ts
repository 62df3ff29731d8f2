import { formatPeriod, type Quarter, shiftQuarter } from "../../shapes/periods.ts";
import type { EngineState, IndicatorEngine } from "../indicators/engine.ts";
import { communityCaseStats, dataQualityFindings } from "./queries.ts";
import type { Finding, FindingParams } from "./rules.ts";

/**
 * A source counts as silent after this many days without data: the default of GET /data-quality,
 * the data-quality page and the reports' findings.
 */
export const SILENT_DAYS = 7;

/** `dataQualityFindings` over the engine's cache. */
export async function findDataQuality(
  engine: IndicatorEngine,
  p: FindingParams,
): Promise<Finding[]> {
  const db = engine.db;
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
