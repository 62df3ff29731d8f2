/**
 * The overview's "data as of" panel: per source when data last arrived (GET /indicators'
 * `dataAsOf`), the communities of the subtree without a quarterly return, and the number of
 * data-quality findings with a link to their list.
 */
import type { Kysely } from "kysely";
import { dataAsOfInstant } from "../../shapes/format.ts";
import { LEVEL_LABELS, sourceLabel } from "../../shapes/labels.ts";
import { isBaseLevel } from "../../shapes/org-levels.ts";
import { formatPeriod } from "../../shapes/periods.ts";
import type { FreshnessView } from "../../web/pages/overview-model.ts";
import { can } from "../access/permissions.ts";
import type { DB } from "../db/database.ts";
import type { DataAsOf } from "../indicators/report.ts";
import { communitiesMissingReturn } from "../returns/queries.ts";
import type { Resolved } from "./context.ts";
import { cachedFindings } from "./data-quality.ts";
import { subtreeUnits } from "./history.ts";
import { pagePath } from "./nav.ts";

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
    label: sourceLabel(source),
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
    dataAsOf: dataAsOfInstant({ ...asOf, sources: Object.values(asOf.sources) }),
    sources,
    missingReturns: { count: missing.length, total, label: baseLabel, units: missing },
    findings: {
      count: findings ? findings.length : null,
      href: findings ? pagePath("data-quality", unit.code, formatPeriod(q)) : null,
    },
  };
}
