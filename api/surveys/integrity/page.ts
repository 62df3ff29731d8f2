/**
 * 问卷核查's view model (issue 22): the flagged survey responses of the page's unit subtree and
 * quarter, grouped by signal (a response with two signals is listed under both), the counts by
 * decision, and each row's unit with its street, time, answers and source. No writes here: the
 * page's form posts to api/dashboard/routes-survey-flags.tsx, which decides through decide.ts.
 */
import type { Kysely } from "kysely";
import { SURVEY_ITEMS } from "../../../metrics/index.ts";
import { formatInstant } from "../../../shapes/format.ts";
import { quarterEnd, quarterStart } from "../../../shapes/periods.ts";
import type {
  FlagGroupView,
  FlagOutcomeView,
  FlagRowView,
  SurveyFlagsView,
} from "../../../web/pages/survey-flags-model.ts";
import type { Resolved } from "../../dashboard/context.ts";
import { pagePath } from "../../dashboard/nav.ts";
import { placeOf } from "../../dashboard/unit-place.ts";
import type { DB } from "../../db/database.ts";
import type { SurveyFlagKind } from "../../db/tables/survey.ts";
import { SATISFACTION_SURVEY } from "../../indicators/cold.ts";
import { flagCountsByUnit, listFlaggedResponses } from "./queries.ts";

/** Responses listed at most (as the API's list); the counts cover them all. */
const LIST_LIMIT = 1000;

/** The signals in the page's order, with their Chinese names and rules (signals.ts). */
export const KIND_LABELS: Record<SurveyFlagKind, { label: string; rule: string }> = {
  repeat_client: {
    label: "同一设备重复提交",
    rule: "同一设备同一天为同一单位自助提交超过 3 份",
  },
  straight_line: {
    label: "答案完全一致（直线作答）",
    rule: "同一来源一天内提交至少 10 份，其中至少 90% 各项评分完全相同",
  },
  burst: {
    label: "短时激增",
    rule: "单位一天的问卷至少 20 份，且超过此前 28 天日中位数的 5 倍",
  },
};

const STATUS_LABELS = { open: "待核实", confirmed: "已确认剔除", dismissed: "已驳回" } as const;

const ITEM_LABELS: Record<string, string> = {
  overall: "总体",
  timeliness: "时效",
  effectiveness: "效果",
  transparency: "透明",
  attitude: "态度",
};

/** `总体 5 · 时效 4 · … · 得分 75` from a response's answers and score. */
function answersText(answers: unknown, score: number | null): string {
  const a = (typeof answers === "string" ? JSON.parse(answers) : answers) as Record<
    string,
    unknown
  > | null;
  const parts = SURVEY_ITEMS.filter((k) => typeof a?.[k] === "number").map(
    (k) => `${ITEM_LABELS[k] ?? k} ${a![k]}`,
  );
  if (score !== null) parts.push(`得分 ${Math.round(Number(score))}`);
  return parts.length > 0 ? parts.join(" · ") : "（未作答）";
}

/** The 问卷核查 page of `page.unit` and `page.quarter`, with the outcome of a decision if any. */
export async function buildSurveyFlagsPage(
  db: Kysely<DB>,
  page: Resolved,
  outcome: FlagOutcomeView | null,
): Promise<SurveyFlagsView> {
  const w = {
    surveyId: SATISFACTION_SURVEY,
    rootId: page.unit.id,
    from: quarterStart(page.quarter),
    to: quarterEnd(page.quarter),
  };
  const [{ total }, listed] = await Promise.all([
    flagCountsByUnit(db, w),
    listFlaggedResponses(db, { ...w, limit: LIST_LIMIT }),
  ]);
  const ids = listed.map((r) => r.id);
  const answers = new Map<string, unknown>();
  if (ids.length > 0) {
    const rows = await db
      .selectFrom("survey_response")
      .select(["id", "answers"])
      .where("id", "in", ids)
      .execute();
    for (const r of rows) answers.set(r.id, r.answers);
  }
  const kinds = Object.keys(KIND_LABELS) as SurveyFlagKind[];
  const groups: FlagGroupView[] = kinds.map((kind) => ({
    kind,
    ...KIND_LABELS[kind],
    rows: [],
  }));
  for (const r of listed) {
    const unit = page.tree.byCode.get(r.orgUnit);
    const row: FlagRowView = {
      id: r.id,
      unitName: r.orgUnitName,
      unitCode: r.orgUnit,
      place: unit ? placeOf(page.tree, unit).place : null,
      time: formatInstant(r.submittedAt.toISOString()),
      answers: answersText(answers.get(r.id), r.score),
      source: r.mode === "assisted" ? `代录（${r.enteredBy ?? "未知账号"}）` : "群众自填",
      status: r.status,
      statusLabel: STATUS_LABELS[r.status],
      decided:
        r.status !== "open" && r.decidedBy
          ? `${r.decidedBy} 于 ${formatInstant(r.decidedAt?.toISOString() ?? null)} 核定`
          : null,
      alsoKinds: [],
    };
    for (const g of groups) {
      if (!r.kinds.includes(g.kind as SurveyFlagKind)) continue;
      g.rows.push({
        ...row,
        alsoKinds: r.kinds.filter((k) => k !== g.kind).map((k) => KIND_LABELS[k].label),
      });
    }
  }
  const { byKind: _byKind, ...counts } = total;
  return {
    ...page.ctx,
    counts,
    groups,
    truncatedNote:
      total.flagged > LIST_LIMIT
        ? `共 ${total.flagged} 份被标记，此处只列出最早的 ${LIST_LIMIT} 份；请选择下级单位查看其余。`
        : null,
    action: pagePath("survey-flags", page.unit.code, page.ctx.period).replace(
      "/survey-flags?",
      "/survey-flags/decision?",
    ),
    outcome,
  };
}
