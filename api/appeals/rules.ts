import type { Kysely } from "kysely";
import {
  APPEAL_STATUS_LABELS,
  type AppealDecision,
  type AppealReason,
} from "../../shapes/appeals.ts";
import { formatPeriod, type Quarter } from "../../shapes/periods.ts";
import { creatorKey, type Principal } from "../access/principal.ts";
import { attachmentInfos } from "../attachments/queries.ts";
import type { DB } from "../db/database.ts";
import { Conflict, type FieldError, Forbidden, Invalid, NotFound } from "../errors.ts";
import { quarterRange } from "../indicators/engine.ts";
import { findUnitByCode, isInSubtree } from "../org-tree/queries.ts";
import { assertPeriodOpen } from "../periods/rules.ts";
import { cycleDaysOf } from "../schemes/cycle.ts";
import { checkCases } from "./queries/cases.ts";
import { getAppeal } from "./queries/read.ts";
import { type CaseKey, insertAppeal, recordDecision } from "./queries/write.ts";
import { assertFilingWindow } from "./window.ts";

// The rules of CYCLE.md "Appeals and exemptions". Every refusal is a typed error with a Chinese
// message, raised before anything is written (filing and deciding each run in one transaction).

export interface AppealFiling {
  orgUnit: string;
  period: Quarter;
  cases: readonly CaseKey[];
  reason: AppealReason;
  note: string;
  attachments: readonly number[];
}

const uniqueViolation = (err: unknown) => (err as { code?: unknown }).code === "23505";
const caseName = (k: CaseKey) => `${k.source}/${k.externalId}`;

/**
 * Files an appeal for the unit `orgUnit`: the caller's scope must hold the unit (a leader or a
 * clerk: the role table says who); every case must exist, belong to the unit's subtree and to
 * the quarter (reported or resolved in it), be neither exempt already nor named by another
 * pending appeal; the window must be open (`appealsDueDay`) and the quarter not closed.
 */
export async function fileAppeal(
  db: Kysely<DB>,
  principal: Principal,
  f: AppealFiling,
  now: Date,
): Promise<number> {
  const unit = await findUnitByCode(db, f.orgUnit);
  if (!unit) {
    throw new Invalid(`没有编码为 ${f.orgUnit} 的单位`, [
      { path: "body.orgUnit", message: "没有这个单位" },
    ]);
  }
  if (principal.scopeUnitId !== null && !(await isInSubtree(db, principal.scopeUnitId, unit.id))) {
    throw new Forbidden(
      `单位 ${unit.name}（${unit.code}）不在您的管辖范围内，不能为其提出核减申请`,
    );
  }
  assertFilingWindow(f.period, now, (await cycleDaysOf(db, f.period.year)).appealsDueDay);
  const duplicates = f.cases.filter(
    (k, i) => f.cases.findIndex((o) => o.source === k.source && o.externalId === k.externalId) < i,
  );
  if (duplicates.length > 0) {
    throw new Invalid(`案件 ${caseName(duplicates[0]!)} 重复列出`, [
      { path: "body.cases", message: "同一案件只能列出一次" },
    ]);
  }
  await checkAttachments(db, principal, f.attachments);
  try {
    return await db.transaction().execute(async (trx) => {
      await assertPeriodOpen(trx, f.period);
      const checks = await checkCases(trx, unit.id, quarterRange(f.period), f.cases);
      const errors: FieldError[] = [];
      const conflicts: string[] = [];
      checks.forEach((c, i) => {
        const k = f.cases[i]!;
        const path = `body.cases.${i}`;
        if (!c.found) errors.push({ path, message: `未找到案件 ${caseName(k)}` });
        else if (!c.inUnit) {
          errors.push({ path, message: `案件 ${caseName(k)} 不属于 ${unit.name} 及其下级单位` });
        } else if (!c.inQuarter) {
          errors.push({
            path,
            message: `案件 ${caseName(k)} 既非 ${formatPeriod(f.period)} 受理，也非该季度办结`,
          });
        } else if (c.exemptAppealId !== null) {
          conflicts.push(`案件 ${caseName(k)} 已由申请 #${c.exemptAppealId} 核减`);
        } else if (c.pendingAppealId !== null) {
          conflicts.push(`案件 ${caseName(k)} 已在待审核的申请 #${c.pendingAppealId} 中`);
        }
      });
      if (errors.length > 0) {
        throw new Invalid(
          `${errors.length} 个案件不能申请核减，未保存：${errors[0]!.message}`,
          errors,
        );
      }
      if (conflicts.length > 0) throw new Conflict(`${conflicts.join("；")}，未保存`);
      return insertAppeal(trx, {
        orgUnitId: unit.id,
        year: f.period.year,
        quarter: f.period.quarter,
        reason: f.reason,
        note: f.note,
        filedBy: principal.name,
        filedByKey: creatorKey(principal),
        cases: f.cases,
        attachmentIds: f.attachments,
      });
    });
  } catch (err) {
    // Another filing naming one of these cases committed between the check and the insert.
    if (uniqueViolation(err)) throw new Conflict("其中有案件已在另一份待审核的申请中，未保存");
    throw err;
  }
}

/** Evidence must exist and have been uploaded by the filer (nobody attaches another's file). */
async function checkAttachments(db: Kysely<DB>, principal: Principal, ids: readonly number[]) {
  if (ids.length === 0) return;
  const found = new Map((await attachmentInfos(db, ids)).map((a) => [a.id, a]));
  const errors: FieldError[] = [];
  ids.forEach((id, i) => {
    const a = found.get(id);
    if (!a || a.createdBy !== creatorKey(principal)) {
      errors.push({ path: `body.attachments.${i}`, message: `没有您上传的附件 #${id}` });
    }
  });
  if (errors.length > 0) throw new Invalid(`附件无效，未保存：${errors[0]!.message}`, errors);
}

/**
 * Whether the caller may decide appeals of unit `unitId`: their scope must strictly contain it
 * (a city-wide caller's does). A unit never decides its own appeal.
 */
export async function decisionScope(
  db: Kysely<DB>,
  principal: Principal,
  unitId: number,
): Promise<"decide" | "own" | "outside"> {
  if (principal.scopeUnitId === null) return "decide";
  if (principal.scopeUnitId === unitId) return "own";
  return (await isInSubtree(db, principal.scopeUnitId, unitId)) ? "decide" : "outside";
}

/**
 * Decides a pending appeal. An appeal outside the caller's subtree is not found (404); their own
 * unit's → 403; decided already → 409. Approval exempts the cases at once (queries/write.ts).
 */
export async function decideAppeal(
  db: Kysely<DB>,
  principal: Principal,
  id: number,
  d: { decision: AppealDecision; note: string },
): Promise<void> {
  const appeal = await getAppeal(db, id);
  const notFound = new NotFound(`没有编号为 ${id} 的核减申请`);
  if (!appeal) throw notFound;
  const scope = await decisionScope(db, principal, appeal.orgUnitId);
  if (scope === "outside") throw notFound;
  if (scope === "own") {
    throw new Forbidden(
      `不能审核本单位（${appeal.orgUnitName}）的核减申请，应由上级单位或评估方审核`,
    );
  }
  const decided = () =>
    new Conflict(`申请 #${id} 已审核（${APPEAL_STATUS_LABELS[appeal.status]}），不能重复审核`);
  if (appeal.status !== "pending") throw decided();
  const ok = await db.transaction().execute(async (trx) => {
    await assertPeriodOpen(trx, {
      year: appeal.year,
      quarter: appeal.quarter as Quarter["quarter"],
    });
    return recordDecision(trx, id, {
      decision: d.decision,
      note: d.note,
      decidedBy: principal.name,
      decidedByKey: creatorKey(principal),
    });
  });
  if (!ok) throw new Conflict(`申请 #${id} 已被他人审核，不能重复审核`);
}
