import type { Context } from "hono";
import type { AppEnv } from "../env.ts";
import { type FieldError, NotFound, zodFieldErrors } from "../errors.ts";
import { hostileValue } from "../http/input-rules.ts";
import { subtreeIds, unitIdsByCode } from "../org-tree/queries.ts";
import { checkAnswers } from "./definition.ts";
import { detectSurveyFlags } from "./integrity/signals.ts";
import { toWrite } from "./prepare.ts";
import { insertResponses, type ResponseWrite } from "./queries.ts";
import { ratedItemErrors } from "./rated.ts";
import { BatchSurveyResponse } from "./schema.ts";

/** A response dated more than this far ahead of the server's clock is refused. */
const MAX_SKEW_MS = 5 * 60_000;

export interface Rejection {
  index: number;
  row?: number;
  id?: string;
  errors: FieldError[];
}

export interface BatchOutcome {
  received: number;
  inserted: number;
  unchanged: number;
  rejected: Rejection[];
}

/**
 * Fieldwork and paper surveys entered later (batch JSON or a spreadsheet): each record is
 * checked on its own (shape, unit known and inside the caller's scope, not dated in the future,
 * answers fit the survey, at least one rated item) and the good ones are stored set-based in one transaction that also
 * bumps their quarters' data versions. Records whose id is already stored count as unchanged.
 * `rows` gives each record's spreadsheet row, for imports.
 */
export async function ingestResponses(
  c: Context<AppEnv>,
  target: { surveyId: string; surveyVersion?: number },
  records: readonly unknown[],
  rows?: readonly number[],
): Promise<BatchOutcome> {
  const deps = c.get("deps");
  const db = deps.store.db;
  const principal = c.get("principal")!;
  const survey = await deps.surveys.survey(target.surveyId, target.surveyVersion);
  if (!survey) throw new NotFound(`没有问卷 ${target.surveyId}`);

  const rejected: Rejection[] = [];
  const reject = (index: number, errors: FieldError[], id?: string) => {
    const row = rows?.[index];
    rejected.push({ index, ...(row === undefined ? {} : { row }), ...(id ? { id } : {}), errors });
  };
  const parsed = records.map((r, index) => {
    const out = BatchSurveyResponse.safeParse(r);
    if (!out.success) reject(index, zodFieldErrors(out.error, `responses.${index}`));
    // Spreadsheet rows reach here without the router's check of every value (common.ts).
    const hostile = out.success ? hostileValue(out.data, `responses.${index}`) : null;
    if (hostile) reject(index, [hostile], out.data?.id);
    return out.success && !hostile ? out.data : null;
  });
  const codes = parsed.flatMap((p) => (p ? [p.orgUnit] : []));
  const unitIds = await unitIdsByCode(db, codes);
  const scope =
    principal.scopeUnitId === null ? null : new Set(await subtreeIds(db, principal.scopeUnitId));

  const writes: ResponseWrite[] = [];
  const now = Date.now();
  parsed.forEach((p, index) => {
    if (!p) return;
    const at = `responses.${index}`;
    const errors: FieldError[] = [];
    const unitId = unitIds.get(p.orgUnit);
    if (unitId === undefined) {
      errors.push({ path: `${at}.orgUnit`, message: `没有编码为 ${p.orgUnit} 的单位` });
    } else if (scope && !scope.has(unitId)) {
      errors.push({
        path: `${at}.orgUnit`,
        message: `单位 ${p.orgUnit} 不在您的管辖范围内`,
      });
    }
    const submittedAt = new Date(p.submittedAt);
    if (submittedAt.getTime() > now + MAX_SKEW_MS) {
      errors.push({ path: `${at}.submittedAt`, message: "在未来" });
    }
    const answerErrors = checkAnswers(survey, p.answers, `${at}.answers`);
    // Paper surveys may skip the overall item, but one with no rated item at all is refused.
    if (answerErrors.length === 0)
      answerErrors.push(...ratedItemErrors(p.answers, `${at}.answers`));
    errors.push(...answerErrors);
    if (errors.length > 0 || unitId === undefined) {
      reject(index, errors, p.id);
      return;
    }
    writes.push(
      toWrite(survey, {
        id: p.id ?? crypto.randomUUID(),
        orgUnitId: unitId,
        submittedAt,
        answers: p.answers,
        mode: p.mode,
        clientHash: null,
        enteredBy: principal.name,
      }),
    );
  });
  const inserted = await insertResponses(db, writes);
  // Stuffing signals over the days the new responses fell on (flags only; nothing is refused).
  const times = writes.filter((w) => inserted.has(w.id)).map((w) => w.submittedAt.getTime());
  if (times.length > 0) {
    await detectSurveyFlags(db, {
      from: new Date(Math.min(...times)),
      to: new Date(Math.max(...times)),
    });
  }
  rejected.sort((a, b) => a.index - b.index);
  return {
    received: records.length,
    inserted: inserted.size,
    unchanged: writes.length - inserted.size,
    rejected,
  };
}
