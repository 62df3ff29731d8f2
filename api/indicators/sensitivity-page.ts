/**
 * The rank-sensitivity page's view model (评估工作台 · 排名敏感性, issue 21): GET /sensitivity's
 * answer for the unit's children (official for a closed quarter, as the API), best rank first,
 * with each child's 5–95% rank interval for the chart and a stability label by its width.
 */
import { formatNumber, formatScore } from "../../shapes/format.ts";
import type { SensitivityRow } from "../../shapes/sensitivity.ts";
import type {
  SensitivityRowView,
  SensitivityView,
  WorkbenchTab,
} from "../../web/pages/workbench-model.ts";
import type { Resolved } from "../dashboard/context.ts";
import { quarterSensitivity } from "../periods/official-sensitivity.ts";
import { DEFAULT_SCHEME_ID } from "../schemes/definition.ts";

/**
 * 稳定 when the 5–95% interval is one rank wide (p5 = p95), 较稳定 when it spans at most two more
 * ranks, else 不稳定; 无排名 without a rank.
 */
export function stabilityOf(r: Pick<SensitivityRow, "p5Rank" | "p95Rank">): {
  stability: SensitivityRowView["stability"];
  stabilityLabel: string;
} {
  if (r.p5Rank === null || r.p95Rank === null)
    return { stability: "none", stabilityLabel: "无排名" };
  const width = r.p95Rank - r.p5Rank;
  if (width === 0) return { stability: "stable", stabilityLabel: "稳定" };
  if (width <= 2) return { stability: "fair", stabilityLabel: "较稳定" };
  return { stability: "unstable", stabilityLabel: "不稳定" };
}

// Ranked children first by rank (then code); unranked ones last.
const byRank = (a: SensitivityRow, b: SensitivityRow) =>
  (a.rank ?? Number.POSITIVE_INFINITY) - (b.rank ?? Number.POSITIVE_INFINITY) ||
  a.code.localeCompare(b.code);

/** Builds /dashboard/{code}/workbench/sensitivity?period=… for a resolved request. */
export async function buildSensitivityPage(
  page: Resolved,
  tabs: WorkbenchTab[],
): Promise<SensitivityView> {
  const report = await quarterSensitivity(page.engine, {
    period: page.quarter,
    orgUnit: page.unit.code,
    scopeUnitId: page.principal.scopeUnitId,
    schemeId: DEFAULT_SCHEME_ID,
    ...page.choice,
  });
  const sorted = [...report.units].sort(byRank);
  const rows: SensitivityRowView[] = sorted.map((u) => ({
    code: u.code,
    name: u.name,
    indexText: formatScore(u.index),
    rank: u.rank,
    medianRank: u.medianRank,
    p5Rank: u.p5Rank,
    p95Rank: u.p95Rank,
    ...stabilityOf(u),
  }));
  return {
    ...page.ctx,
    tabs,
    official: report.official,
    draws: report.draws,
    spreadText: `±${formatNumber(report.spread * 100, 0)}%`,
    seed: report.seed,
    schemeText: `${report.scheme.id} 第 ${report.scheme.version} 版（${report.official ? "关账正式数据" : "实时数据"}）`,
    rows,
    chart: {
      names: rows.map((r) => r.name),
      rank: rows.map((r) => r.rank),
      median: rows.map((r) => r.medianRank),
      p5: rows.map((r) => r.p5Rank),
      p95: rows.map((r) => r.p95Rank),
      count: rows.length,
    },
  };
}
