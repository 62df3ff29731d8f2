/**
 * The 季度填报 page's view model: the communities under a unit with the state of their return for
 * the quarter (未报送 / 已报送 / 迟报) and its review (待审核 / 已通过 / 已退回), the due day, the
 * template and upload, the survey links, on a community's own page its online form and the
 * history of its return, and for a street leader the forms that review its communities' returns.
 */
import type { Kysely } from "kysely";
import { formatInstant } from "../../shapes/format.ts";
import { isBaseLevel } from "../../shapes/org-levels.ts";
import { formatPeriod, type Quarter, quarterOf, shiftQuarter } from "../../shapes/periods.ts";
import type {
  CommunityFormView,
  FigureFieldView,
  HistoryEntryView,
  OutcomeView,
  ReturnRowView,
  ReturnState,
  ReturnsView,
} from "../../web/pages/returns-model.ts";
import { can } from "../access/permissions.ts";
import type { Resolved } from "../dashboard/context.ts";
import type { DB } from "../db/database.ts";
import { RETURN_FIELDS, type ReturnField } from "../db/tables/unit-return.ts";
import type { FieldError } from "../errors.ts";
import { SATISFACTION_SURVEY } from "../indicators/cold.ts";
import { newestClosing } from "../periods/queries.ts";
import { isClosed, returnsDueAt } from "../periods/rules.ts";
import { cycleDaysOf } from "../schemes/cycle.ts";
import { samplePlanView } from "../surveys/sample-plan-view.ts";
import type { FormFields } from "./form.ts";
import {
  communitySheetRows,
  getReturn,
  listReturns,
  returnHistory,
  type StoredReturn,
} from "./queries.ts";
import { reviewForms, reviewView } from "./review-view.ts";
import type { ReturnValues } from "./values.ts";
import { FIGURE_HEADERS, FIGURE_HELP } from "./workbook/layout.ts";

export const STATE_LABELS: Record<ReturnState, string> = {
  missing: "未报送",
  filed: "已报送",
  late: "迟报",
};

/** The page of a unit's returns for a quarter. */
export const returnsPath = (code: string, period: string, tail = "") =>
  `/dashboard/${encodeURIComponent(code)}/returns${tail}?period=${period}`;

/**
 * The quarter a clerk files by default: the last one that has ended (returns are filed in the
 * days after a quarter's end, CYCLE.md).
 */
export const filingQuarter = (now: Date): string => formatPeriod(shiftQuarter(quarterOf(now), -1));

/** A figure as the page shows it; "—" when not reported. */
export function showFigure(v: number | null | undefined): string {
  return v === null || v === undefined
    ? "—"
    : v.toLocaleString("zh-CN", { maximumFractionDigits: 4 });
}

const stateOf = (r: StoredReturn | undefined): ReturnState =>
  r === undefined ? "missing" : r.late ? "late" : "filed";

/** The figures a return reports (those not null), as the page lists them. */
const filledFigures = (values: ReturnValues) =>
  RETURN_FIELDS.filter((f) => values[f] !== null).map((f) => ({
    label: FIGURE_HEADERS[f],
    value: showFigure(values[f]),
  }));

/** A form post to show again: what was typed and what was wrong with it. */
export interface PostedForm {
  fields: FormFields;
  errors: FieldError[];
}

function fieldsOf(stored: ReturnValues | null, posted: PostedForm | null): FigureFieldView[] {
  return RETURN_FIELDS.map((f: ReturnField) => {
    const v = stored?.[f];
    const error = posted?.errors.find((e) => e.path === f)?.message ?? null;
    return {
      name: f,
      label: FIGURE_HEADERS[f],
      help: FIGURE_HELP[f],
      value: posted ? (posted.fields[f] ?? "") : v === null || v === undefined ? "" : String(v),
      error,
    };
  });
}

function historyView(entries: Awaited<ReturnType<typeof returnHistory>>): HistoryEntryView[] {
  return entries.map((e) => ({
    at: formatInstant(e.changedAt.toISOString()),
    by: e.changedBy ?? "—",
    created: e.oldValues === null,
    changes: RETURN_FIELDS.filter(
      (f) => (e.oldValues?.[f] ?? null) !== (e.newValues[f] ?? null),
    ).map((f) => ({
      label: FIGURE_HEADERS[f],
      before: showFigure(e.oldValues?.[f]),
      after: showFigure(e.newValues[f]),
    })),
  }));
}

/** The page's view: `outcome` and `posted` carry what the last post did (none on a plain GET). */
export async function buildReturnsPage(
  db: Kysely<DB>,
  page: Resolved,
  now: Date,
  outcome: OutcomeView | null = null,
  posted: PostedForm | null = null,
): Promise<ReturnsView> {
  const { unit, quarter } = page;
  const period = formatPeriod(quarter);
  const [sheet, returns, cycle, closing] = [
    await communitySheetRows(db, unit.id, quarter),
    await listReturns(db, unit.id, quarter),
    await cycleDaysOf(db, quarter.year),
    await newestClosing(db, period),
  ];
  const byCode = new Map(returns.map((r) => [r.code, r]));
  const rows: ReturnRowView[] = sheet.map((s) => {
    const r = byCode.get(s.code);
    const state = stateOf(r);
    return {
      code: s.code,
      name: s.name,
      state,
      stateLabel: STATE_LABELS[state],
      filedBy: r?.updatedBy ?? null,
      filedAt: r ? formatInstant(r.updatedAt.toISOString()) : null,
      review: r ? reviewView(r) : null,
      href: returnsPath(s.code, period),
      assistedHref: `/s/${SATISFACTION_SURVEY}/${encodeURIComponent(s.code)}/assisted`,
      posterHref: `/posters/${SATISFACTION_SURVEY}/${encodeURIComponent(s.code)}`,
    };
  });
  const count = (s: ReturnState) => rows.filter((r) => r.state === s).length;
  const due = returnsDueAt(quarter, cycle.returnsDueDay);
  let community: CommunityFormView | null = null;
  if (isBaseLevel(unit.level)) {
    const own = byCode.get(unit.code);
    const state = stateOf(own);
    community = {
      code: unit.code,
      name: unit.name,
      state,
      stateLabel: STATE_LABELS[state],
      review: own ? reviewView(own) : null,
      action: returnsPath(unit.code, period, "/form"),
      fields: fieldsOf(own?.values ?? null, posted),
      history: historyView(await returnHistory(db, unit.id, quarter)),
    };
  }
  const open = !(closing && isClosed(closing));
  const reviewCount = (state: string) => rows.filter((r) => r.review?.state === state).length;
  return {
    ...page.ctx,
    dueDay: formatInstant(new Date(due.getTime() - 1).toISOString()).slice(0, 10),
    overdue: now.getTime() >= due.getTime(),
    closedNote:
      closing && isClosed(closing)
        ? `本季度已于 ${formatInstant(closing.closedAt.toISOString())} 关账，不再接受填报；如需更正，请联系管理员重新开账。`
        : null,
    counts: {
      total: rows.length,
      filed: count("filed") + count("late"),
      late: count("late"),
      missing: count("missing"),
      approved: reviewCount("approved"),
      returned: reviewCount("returned"),
    },
    canFile: can(page.principal.role, "returns.write"),
    reviews: reviewForms(
      page.principal,
      returns,
      open,
      returnsPath(unit.code, period, "/review"),
      (r) => STATE_LABELS[stateOf(r)],
      (r) => filledFigures(r.values),
    ),
    templateHref: `/api/v1/returns/template.xlsx?period=${period}&orgUnit=${encodeURIComponent(unit.code)}`,
    uploadAction: returnsPath(unit.code, period, "/upload"),
    rows,
    community,
    assistedHref: isBaseLevel(unit.level)
      ? `/s/${SATISFACTION_SURVEY}/${encodeURIComponent(unit.code)}/assisted`
      : null,
    postersHref: `/posters/${SATISFACTION_SURVEY}/${encodeURIComponent(unit.code)}`,
    samplePlan: await samplePlanView(db, unit, quarter),
    outcome,
  };
}

/** At most this many communities' stored figures are shown after an upload. */
const SHOWN_STORED = 30;

/** A write that went through: its summary and the figures now stored of the units it changed. */
export async function writtenOutcome(
  db: Kysely<DB>,
  q: Quarter,
  title: string,
  unitIds: readonly number[],
): Promise<OutcomeView> {
  const stored: OutcomeView["stored"] = [];
  for (const id of unitIds.slice(0, SHOWN_STORED)) {
    const r = await getReturn(db, id, q);
    if (!r) continue;
    stored.push({ code: r.code, name: r.name, figures: filledFigures(r.values) });
  }
  return { ok: true, title, errors: [], stored };
}
