/**
 * Who publishes a report (issue 20, "Who publishes"): the assessor edition by an assessor (an
 * admin may stand in); the leadership edition by a leader or admin whose scope strictly contains
 * the report's unit. A unit never publishes its own report (a user whose scope is the unit; an
 * assessor's scope is the area it assesses, not a unit it belongs to). Pure: the caller has
 * checked that the unit lies in the principal's scope (reportInScope).
 */
import type { PrincipalRole } from "../access/permissions.ts";

export type Edition = "leadership" | "assessor";

/**
 * Why `principal` may not publish the `edition` report of unit `unitId`, in Chinese, or `null`
 * when they may. `scopeUnitId` null is the whole tree (it strictly contains every unit).
 */
export function publishRefusal(
  principal: { role: PrincipalRole; scopeUnitId: number | null },
  unitId: number,
  edition: Edition,
): string | null {
  // An assessor is a third party: its scope is the area it assesses, not a unit it belongs to.
  if (principal.scopeUnitId === unitId && principal.role !== "assessor") {
    return "不能发布本单位的评估报告，应由上级单位或评估方发布";
  }
  if (edition === "assessor" && principal.role !== "assessor" && principal.role !== "admin") {
    return "评估方版报告由第三方评估方发布（管理员可代为发布）";
  }
  if (edition === "leadership" && principal.role !== "leader" && principal.role !== "admin") {
    return "领导版报告由上级领导或管理员发布";
  }
  return null;
}
