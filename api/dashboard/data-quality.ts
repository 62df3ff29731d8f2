/**
 * Data-quality findings for the dashboard: the findings GET /data-quality answers
 * (`findDataQuality`, same parameters), as the list page's rows and the overview's count.
 */
import type { Kysely } from "kysely";
import { formatNumber } from "../../shapes/format.ts";
import { formatPeriod, type Quarter, shiftQuarter } from "../../shapes/periods.ts";
import type { DataQualityView, FindingView } from "../../web/pages/dashboard-model.ts";
import { can } from "../access/permissions.ts";
import { findDataQuality, SILENT_DAYS } from "../data-quality/find.ts";
import type { Finding } from "../data-quality/rules.ts";
import type { DB } from "../db/database.ts";
import { type IndicatorEngine, versionKey } from "../indicators/engine.ts";
import type { Resolved } from "./context.ts";
import { pagePath } from "./nav.ts";
import { placeOf } from "./unit-place.ts";

const RULE_LABELS: Record<Finding["rule"], string> = {
  return_missing: "季度报表未报送",
  handling_time_outlier: "办理时长异常",
  case_volume_change: "工单量突变",
  source_silent: "数据来源中断",
  deadline_missing: "办结工单缺少时限",
  survey_flagged: "问卷疑似刷票",
};

const SEVERITY_LABELS: Record<Finding["severity"], string> = {
  high: "高",
  medium: "中",
  low: "低",
};

/** The figure of a finding with its unit, as the list shows it. */
export function figureText(f: Finding): string | null {
  if (f.figure === null) return null;
  switch (f.rule) {
    case "handling_time_outlier":
      return `平均 ${formatNumber(f.figure, 1)} 小时`;
    case "case_volume_change":
      return `${f.figure > 0 ? "+" : ""}${formatNumber(f.figure, 1)}%`;
    case "source_silent":
      return `${formatNumber(f.figure, 0)} 天无数据`;
    case "deadline_missing":
      return `${formatNumber(f.figure, 0)} 件`;
    case "survey_flagged":
      return `${formatNumber(f.figure, 0)} 份`;
    default:
      return formatNumber(f.figure, 1);
  }
}

/** A finding as a row of the list: Chinese rule and severity names, the figure with its unit. */
export function findingView(f: Finding, place: string | null = null): FindingView {
  return {
    unitCode: f.orgUnit,
    unitName: f.orgUnitName,
    place,
    rule: f.rule,
    ruleLabel: RULE_LABELS[f.rule] ?? f.rule,
    figure: figureText(f),
    severity: f.severity,
    severityLabel: SEVERITY_LABELS[f.severity] ?? f.severity,
    message: f.message,
  };
}

/** The findings of the unit's subtree for the quarter. */
export function findingsOf(engine: IndicatorEngine, unitId: number, q: Quarter, now = new Date()) {
  return findDataQuality(engine, { period: q, rootUnitId: unitId, silentDays: SILENT_DAYS, now });
}

/**
 * The findings, memoised for the clock hour under the tree and the data versions of the quarter
 * and the one before (volume changes compare the two): the overview shows their count on every
 * view, and recomputing them costs some 200 ms for a district. Only "source silent for more than
 * 7 days" and "quarter ended" move with the clock, so an hour's staleness changes nothing a
 * reader could act on; new data changes the versions and so the key at once.
 */
export function cachedFindings(
  _db: Kysely<DB>,
  page: Resolved,
  now = new Date(),
): Promise<Finding[]> {
  const q = page.quarter;
  const before = shiftQuarter(q, -1);
  const versions = `${versionKey(q, page.state)}/${versionKey(before, page.state)}`;
  const hour = Math.floor(now.getTime() / 3_600_000);
  const key = `dash-dq|${page.unit.id}|${formatPeriod(q)}|${page.state.treeKey}|${versions}|${hour}`;
  return page.engine.memo(key, 1, () => findingsOf(page.engine, page.unit.id, q, now));
}

/** /dashboard/{code}/data-quality. */
export async function buildDataQuality(db: Kysely<DB>, page: Resolved): Promise<DataQualityView> {
  // Units named with their street: 馨苑社区 of two streets are two rows that must read apart.
  const placeOfCode = (code: string | null) => {
    const u = code === null ? undefined : page.tree.byCode.get(code);
    return u ? placeOf(page.tree, u).place : null;
  };
  const mayDecide = can(page.principal.role, "surveyFlags.decide");
  const findings = (await cachedFindings(db, page)).map((f) => ({
    ...findingView(f, placeOfCode(f.orgUnit)),
    href:
      mayDecide && f.rule === "survey_flagged" && f.orgUnit
        ? pagePath("survey-flags", f.orgUnit, page.ctx.period)
        : null,
  }));
  const byRule = new Map<string, number>();
  for (const f of findings) byRule.set(f.ruleLabel, (byRule.get(f.ruleLabel) ?? 0) + 1);
  return {
    ...page.ctx,
    available: true,
    findings,
    byRule: [...byRule].map(([ruleLabel, count]) => ({ ruleLabel, count })),
  };
}
