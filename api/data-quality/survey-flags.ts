/**
 * The data-quality finding of survey stuffing signals (issue 22): one per unit whose satisfaction
 * survey responses of the quarter carry flags (api/surveys/integrity), with the counts by signal
 * and by decision. Medium while some wait for an assessor, low once all are decided.
 */
import type { Kysely, Transaction } from "kysely";
import { quarterEnd, quarterStart } from "../../shapes/periods.ts";
import type { DB } from "../db/database.ts";
import { SATISFACTION_SURVEY } from "../indicators/cold.ts";
import { flagCountsByUnit } from "../surveys/integrity/queries.ts";
import type { Finding, FindingParams } from "./rules.ts";

type Db = Kysely<DB> | Transaction<DB>;

export async function surveyFlagFindings(db: Db, p: FindingParams): Promise<Finding[]> {
  const { byUnit } = await flagCountsByUnit(db, {
    surveyId: SATISFACTION_SURVEY,
    rootId: p.rootUnitId,
    from: quarterStart(p.period),
    to: quarterEnd(p.period),
  });
  if (byUnit.size === 0) return [];
  const units = await db
    .selectFrom("org_unit")
    .select(["id", "code", "name"])
    .where("id", "in", [...byUnit.keys()])
    .execute();
  return units.map((u) => {
    const c = byUnit.get(u.id)!;
    const kinds = [
      c.byKind.repeat_client > 0 ? `同一设备单日重复提交 ${c.byKind.repeat_client} 份` : null,
      c.byKind.straight_line > 0 ? `同一来源成批全同分 ${c.byKind.straight_line} 份` : null,
      c.byKind.burst > 0 ? `单日提交量激增 ${c.byKind.burst} 份` : null,
    ].filter((k) => k !== null);
    return {
      orgUnit: u.code,
      orgUnitName: u.name,
      rule: "survey_flagged" as const,
      figure: c.flagged,
      severity: c.open > 0 ? ("medium" as const) : ("low" as const),
      message: `本季度满意度问卷中有 ${c.flagged} 份疑似刷票（${kinds.join("，")}）：待评估人员核实 ${c.open} 份，已确认剔除 ${c.confirmed} 份，核实后保留 ${c.dismissed} 份。确认剔除的问卷不计入群众满意度指数（G4）。`,
    };
  });
}
