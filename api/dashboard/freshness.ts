/**
 * The overview's "data as of" panel: per source when data last arrived (GET /indicators'
 * `dataAsOf`), the communities of the subtree without a quarterly return, and the number of
 * data-quality findings with a link to their list.
 */
import type { Kysely } from "kysely";
import { LEVEL_LABELS } from "../../shapes/labels.ts";
import { isBaseLevel } from "../../shapes/org-levels.ts";
import { formatPeriod } from "../../shapes/periods.ts";
import type { FreshnessView } from "../../web/pages/dashboard-model.ts";
import { can } from "../access/permissions.ts";
import type { DB } from "../db/database.ts";
import type { DataAsOf } from "../indicators/report.ts";
import { communitiesMissingReturn } from "../returns/queries.ts";
import { pagePath, type Resolved } from "./context.ts";
import { cachedFindings } from "./data-quality.ts";
import { subtreeUnits } from "./history.ts";

/** Chinese names of the known case sources; others show as sent. */
export const SOURCE_LABELS: Readonly<Record<string, string>> = Object.freeze({
  yiwangtongguan: "一网统管平台",
  "12345": "12345 热线",
  xinfang: "信访系统",
  yichuangshouli: "一窗受理",
});

/** The latest of some ISO instants, or null. */
function latest(instants: (string | null)[]): string | null {
  let best: string | null = null;
  for (const t of instants) if (t && (best === null || Date.parse(t) > Date.parse(best))) best = t;
  return best;
}

/**
 * The freshness panel of a resolved page. The missing returns come from the findings when the role
 * may read them (the same query), else straight from the returns; `findings.count` is null when it
 * may not.
 */
export async function freshnessView(
  db: Kysely<DB>,
  page: Resolved,
  asOf: DataAsOf,
): Promise<FreshnessView> {
  const { principal, unit, quarter: q, tree } = page;
  const sources: FreshnessView["sources"] = Object.entries(asOf.sources).map(([source, s]) => ({
    source,
    label: SOURCE_LABELS[source] ?? source,
    lastReceivedAt: s.lastReceivedAt,
    maxReportedAt: s.maxReportedAt,
  }));
  sources.push(
    {
      source: "returns",
      label: "季度报表（本季度）",
      lastReceivedAt: asOf.returns,
      maxReportedAt: null,
    },
    {
      source: "surveys",
      label: "满意度调查（本季度）",
      lastReceivedAt: asOf.surveys,
      maxReportedAt: null,
    },
  );
  const base = subtreeUnits(tree, unit).filter((u) => isBaseLevel(u.level));
  const total = base.length;
  // 社区, 村, or 社区/村 in a tree with both.
  const baseLabel =
    [...new Set(base.map((u) => LEVEL_LABELS[u.level]))].join("/") || LEVEL_LABELS.community;
  const mayReadFindings = can(principal.role, "dataQuality.read");
  const findings = mayReadFindings ? await cachedFindings(db, page) : null;
  const missing = findings
    ? findings
        .filter((f) => f.rule === "return_missing" && f.orgUnit !== null)
        .map((f) => ({ code: f.orgUnit!, name: f.orgUnitName ?? f.orgUnit! }))
    : (await communitiesMissingReturn(db, unit.id, q)).map((u) => ({ code: u.code, name: u.name }));
  return {
    dataAsOf: latest(sources.map((s) => s.lastReceivedAt)),
    sources,
    missingReturns: { count: missing.length, total, label: baseLabel, units: missing },
    findings: {
      count: findings ? findings.length : null,
      href: findings ? pagePath("data-quality", unit.code, formatPeriod(q)) : null,
    },
  };
}
