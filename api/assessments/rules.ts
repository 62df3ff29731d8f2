/**
 * The rules of CYCLE.md "Assessor scores, bonus and penalty points": who may score a unit, what a
 * valid assessment is under the scheme version of the quarter's year, sign-off and reopening.
 * Every refusal is a typed error with a Chinese message, raised before anything is written.
 */
import type { Kysely } from "kysely";
import { adjustmentOf, assessorScoreOf } from "../../metrics/index.ts";
import { formatInstant } from "../../shapes/format.ts";
import { formatPeriod, type Quarter } from "../../shapes/periods.ts";
import type { Principal } from "../access/principal.ts";
import type { DB } from "../db/database.ts";
import { Conflict, type FieldError, Forbidden, Invalid, NotFound } from "../errors.ts";
import { findUnitByCode, isInSubtree, type UnitRef } from "../org-tree/queries.ts";
import { assertPeriodOpen } from "../periods/rules.ts";
import { defaultSchemeOf } from "../schemes/cycle.ts";
import type { SchemeVersion } from "../schemes/definition.ts";
import {
  type AssessmentRow,
  getAssessment,
  saveAssessment,
  setSignOff,
  toMetricsAssessment,
} from "./queries.ts";
import type { Assessment, AssessmentInput } from "./schema.ts";

/** The unit named by a path, and the scheme version that applies to the quarter. */
export interface Target {
  unit: UnitRef;
  quarter: Quarter;
  scheme: SchemeVersion;
}

/** The unit (404 unknown) and the default scheme's version for the quarter's year (404 none). */
export async function resolveTarget(db: Kysely<DB>, code: string, q: Quarter): Promise<Target> {
  const unit = await findUnitByCode(db, code);
  if (!unit) throw new NotFound(`没有编码为 ${code} 的单位`);
  const scheme = await defaultSchemeOf(db, q.year);
  if (!scheme) throw new NotFound(`没有适用于 ${q.year} 年的指标方案`);
  return { unit, quarter: q, scheme };
}

/** Reading: the unit must lie in the caller's scope (403). */
export async function assertCanRead(
  db: Kysely<DB>,
  principal: Principal,
  unit: UnitRef,
): Promise<void> {
  if (principal.scopeUnitId !== null && !(await isInSubtree(db, principal.scopeUnitId, unit.id))) {
    throw new Forbidden(`单位 ${unit.name}（${unit.code}）不在您的管辖范围内`);
  }
}

/**
 * Scoring (and reopening): the caller's scope must contain the unit, strictly for an admin: the
 * assessed unit never scores itself (an admin whose scope is the unit: 403; an assessor's scope is
 * the area it assesses, not a unit it belongs to). A unit outside the scope is 403.
 * Roles are the route's `authorize` (assessors and admins; leaders and clerks never score).
 */
export async function assertCanAssess(
  db: Kysely<DB>,
  principal: Principal,
  unit: UnitRef,
): Promise<void> {
  if (principal.scopeUnitId === null) return;
  // An assessor is a third party: its scope is the area it assesses, not a unit it belongs to.
  if (principal.scopeUnitId === unit.id && principal.role !== "assessor") {
    throw new Forbidden(`不能评估本单位（${unit.name}），应由第三方评估方或上级管理员评估`);
  }
  if (!(await isInSubtree(db, principal.scopeUnitId, unit.id))) {
    throw new Forbidden(`单位 ${unit.name}（${unit.code}）不在您的管辖范围内，不能评估`);
  }
}

/**
 * Field errors of an assessment under the scheme: item codes the scheme lists (once each),
 * adjustment codes it lists (once each), points above 0 and at most the item's maximum (the kind
 * gives the sign). Scores (0–100) and reasons (required) are zod's.
 */
export function assessmentProblems(scheme: SchemeVersion, input: AssessmentInput): FieldError[] {
  const d = scheme.definition;
  const errors: FieldError[] = [];
  const items = new Map(d.assessorItems.map((i) => [i.code, i]));
  const adjustments = new Map(d.adjustmentItems.map((i) => [i.code, i]));
  const seen = new Set<string>();
  input.items.forEach((e, i) => {
    const path = `body.items.${i}.code`;
    if (!items.has(e.code)) {
      const known = d.assessorItems.map((x) => `${x.code} ${x.name}`).join("、") || "无";
      errors.push({ path, message: `方案中没有评估项目 ${e.code}（可用：${known}）` });
    } else if (seen.has(e.code)) errors.push({ path, message: `评估项目 ${e.code} 重复` });
    seen.add(e.code);
  });
  const seenAdj = new Set<string>();
  input.adjustments.forEach((e, i) => {
    const path = `body.adjustments.${i}`;
    const item = adjustments.get(e.code);
    if (!item) {
      const known = d.adjustmentItems.map((x) => `${x.code} ${x.name}`).join("、") || "无";
      errors.push({
        path: `${path}.code`,
        message: `方案中没有加减分项目 ${e.code}（可用：${known}）`,
      });
      return;
    }
    if (seenAdj.has(e.code))
      errors.push({ path: `${path}.code`, message: `加减分项目 ${e.code} 重复` });
    seenAdj.add(e.code);
    const what = item.kind === "bonus" ? "加分" : "减分";
    if (!(e.points > 0) || e.points > item.maxPoints) {
      errors.push({
        path: `${path}.points`,
        message: `${item.name}（${what}项）的分值须大于 0 且不超过 ${item.maxPoints} 分（按项目类别${what}，不写正负号）`,
      });
    }
  });
  return errors;
}

const frozen = (unit: UnitRef, q: Quarter, row: AssessmentRow) =>
  new Conflict(
    `${unit.name} ${formatPeriod(q)} 的评估已于 ${formatInstant(row.signedOffAt!.toISOString())} 由 ${row.signedOffBy} 确认签发，不能再修改；如需更正，请管理员先重新开启`,
  );

/** Saves a draft (PUT). 409 after sign-off or after the quarter's close; 422 naming bad fields. */
export async function writeAssessment(
  db: Kysely<DB>,
  principal: Principal,
  t: Target,
  input: AssessmentInput,
): Promise<void> {
  await assertCanAssess(db, principal, t.unit);
  const errors = assessmentProblems(t.scheme, input);
  if (errors.length > 0) throw new Invalid(`评估内容有误，未保存：${errors[0]!.message}`, errors);
  await db.transaction().execute(async (trx) => {
    await assertPeriodOpen(trx, t.quarter);
    const row = await getAssessment(trx, t.quarter, t.unit.id, true);
    if (row?.signedOffAt) throw frozen(t.unit, t.quarter, row);
    await saveAssessment(trx, t.quarter, t.unit.id, {
      items: input.items.map((e) => ({ code: e.code, score: e.score, comment: e.comment })),
      adjustments: input.adjustments.map((e) => ({
        code: e.code,
        points: e.points,
        reason: e.reason,
      })),
      by: principal.name,
    });
  });
}

/**
 * Signs off (freezes) a saved assessment: every assessor item of the scheme must be scored. 404
 * when nothing was saved; 409 when signed off already or the quarter is closed.
 */
export async function signOffAssessment(
  db: Kysely<DB>,
  principal: Principal,
  t: Target,
): Promise<void> {
  await assertCanAssess(db, principal, t.unit);
  await db.transaction().execute(async (trx) => {
    await assertPeriodOpen(trx, t.quarter);
    const row = await getAssessment(trx, t.quarter, t.unit.id, true);
    if (!row)
      throw new NotFound(`${t.unit.name} ${formatPeriod(t.quarter)} 尚无评估记录，请先保存`);
    if (row.signedOffAt) throw frozen(t.unit, t.quarter, row);
    const missing = t.scheme.definition.assessorItems.filter(
      (i) => !row.items.some((e) => e.code === i.code),
    );
    if (missing.length > 0) {
      throw new Invalid(
        `还有评估项目未打分，不能签发：${missing.map((i) => i.name).join("、")}`,
        missing.map((i) => ({ path: "items", message: `未打分：${i.code} ${i.name}` })),
      );
    }
    await setSignOff(trx, t.quarter, t.unit.id, { signedOffBy: principal.name });
  });
}

/** Reopens a signed-off assessment with a reason (admin). 409 when it is not signed off. */
export async function reopenAssessment(
  db: Kysely<DB>,
  principal: Principal,
  t: Target,
  reason: string,
): Promise<void> {
  await assertCanAssess(db, principal, t.unit);
  await db.transaction().execute(async (trx) => {
    await assertPeriodOpen(trx, t.quarter);
    const row = await getAssessment(trx, t.quarter, t.unit.id, true);
    if (!row?.signedOffAt) {
      throw new Conflict(`${t.unit.name} ${formatPeriod(t.quarter)} 的评估尚未签发，无需重新开启`);
    }
    await setSignOff(trx, t.quarter, t.unit.id, { reopenedBy: principal.name, reason });
  });
}

/** An assessment as the API shows it (`status: "none"` when nothing was saved yet). */
export function presentAssessment(t: Target, row: AssessmentRow | undefined): Assessment {
  const d = t.scheme.definition;
  const m = row ? toMetricsAssessment(row) : undefined;
  return {
    orgUnit: t.unit.code,
    name: t.unit.name,
    period: formatPeriod(t.quarter),
    status: !row ? "none" : row.signedOffAt ? "signed_off" : "draft",
    items: row?.items ?? [],
    adjustments: row?.adjustments ?? [],
    assessorScore: assessorScoreOf(d, m),
    adjustment: adjustmentOf(d, m),
    scheme: {
      id: t.scheme.id,
      version: t.scheme.version,
      assessorItems: d.assessorItems,
      adjustmentItems: d.adjustmentItems,
      assessorWeight: d.assessorWeight,
      adjustmentCap: d.adjustmentCap,
    },
    updatedBy: row?.updatedBy ?? null,
    updatedAt: row?.updatedAt.toISOString() ?? null,
    signedOffBy: row?.signedOffBy ?? null,
    signedOffAt: row?.signedOffAt?.toISOString() ?? null,
    reopenedBy: row?.reopenedBy ?? null,
    reopenedAt: row?.reopenedAt?.toISOString() ?? null,
    reopenReason: row?.reopenReason ?? null,
  };
}
