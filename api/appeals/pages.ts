/** The appeals pages' view models: the reviewer's queue and the filing page of an indicator. */

import type { Kysely } from "kysely";
import { goalpostsFor, INDICATORS } from "../../metrics/index.ts";
import {
  APPEAL_REASON_LABELS,
  APPEAL_REASONS,
  APPEAL_STATUS_LABELS,
} from "../../shapes/appeals.ts";
import { formatInstant, formatWithUnit } from "../../shapes/format.ts";
import { formatPeriod } from "../../shapes/periods.ts";
import type {
  AppealCaseView,
  AppealFormView,
  AppealQueueView,
  AppealView,
} from "../../web/pages/appeals-model.ts";
import { can } from "../access/permissions.ts";
import { ATTACHMENT_LIMIT } from "../attachments/schema.ts";
import { EVIDENCE_LABELS, type EvidenceMime } from "../attachments/sniff.ts";
import { CHANNEL_LABELS, KIND_LABELS } from "../cases/contract/fields.ts";
import type { Resolved } from "../dashboard/context.ts";
import type { DB } from "../db/database.ts";
import type { CaseChannel, CaseKind } from "../db/tables/case-record.ts";
import { quarterRange } from "../indicators/engine.ts";
import { profileOf } from "../indicators/results.ts";
import { cycleDaysOf } from "../schemes/cycle.ts";
import { appealEffect, schemeOfYear } from "./effect.ts";
import {
  CASE_INDICATORS,
  type CandidateRow,
  type CaseIndicator,
  indicatorCases,
} from "./queries/candidates.ts";
import { type AppealRow, listAppeals } from "./queries/read.ts";
import { decisionScope } from "./rules.ts";
import { appealsDueAt, appealsLastDay } from "./window.ts";

/** Cases listed on the filing page at most. */
export const FORM_CASE_LIMIT = 300;

const AGAINST_LABELS: Record<CaseIndicator, string> = {
  G1: "非主动发现",
  G2: "超期办结",
  G3: "响应超时",
  S1: "办理时长超过目标",
  S2: "非一次办结",
  S3: "有投诉",
  S4: "非网上办理",
  S5: "回访不满意",
  R4: "",
};

const iso = (d: Date | null) => formatInstant(d?.toISOString() ?? null);
const kindLabel = (k: string | null) => (k ? (KIND_LABELS[k as CaseKind] ?? k) : "—");
const channelLabel = (c: string | null) => (c ? (CHANNEL_LABELS[c as CaseChannel] ?? c) : "—");
const sizeText = (n: number) =>
  n >= 1024 * 1024
    ? `${(n / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(n / 1024))} KB`;

function caseView(c: AppealRow["cases"][number]): AppealCaseView {
  return {
    key: `${c.source}/${c.externalId}`,
    source: c.source,
    externalId: c.externalId,
    unitName: c.orgUnitName ?? "—",
    kindLabel: kindLabel(c.kind),
    channelLabel: channelLabel(c.channel),
    reported: iso(c.reportedAt),
    responded: iso(c.respondedAt),
    resolved: iso(c.resolvedAt),
    deadline: iso(c.deadlineAt),
    blocked: null,
    against: null,
    exempt: c.exempt,
  };
}

async function appealView(db: Kysely<DB>, page: Resolved, a: AppealRow): Promise<AppealView> {
  const unit = page.tree.byId.get(a.orgUnitId);
  const scope = await decisionScope(db, page.principal, a.orgUnitId);
  const decidable =
    a.status === "pending" && can(page.principal.role, "appeals.decide") && scope === "decide";
  let effect: AppealView["effect"] = [];
  if (a.status === "pending") {
    const ids = [a.orgUnitId, ...(unit?.parentId != null ? [unit.parentId] : [])];
    const q = { year: a.year, quarter: a.quarter as 1 | 2 | 3 | 4 };
    const effects = await appealEffect(page.engine, q, ids, a.cases);
    effect = effects.map((e) => ({
      unitName: page.tree.byId.get(e.unitId)?.name ?? "",
      rows: e.rows
        .filter(
          (r) =>
            r.before.denominator !== r.after.denominator ||
            r.before.numerator !== r.after.numerator,
        )
        .map((r) => ({
          code: r.code,
          name: INDICATORS[r.code].nameZh,
          before: formatWithUnit(r.code, r.before.value),
          after: formatWithUnit(r.code, r.after.value),
          changed: r.before.value !== r.after.value,
        })),
    }));
  }
  return {
    id: a.id,
    unitCode: a.orgUnitCode,
    unitName: a.orgUnitName,
    periodLabel: `${a.year} 年第 ${a.quarter} 季度`,
    reasonLabel: APPEAL_REASON_LABELS[a.reason],
    note: a.note,
    status: a.status,
    statusLabel: APPEAL_STATUS_LABELS[a.status],
    filedBy: a.filedBy,
    filedAt: iso(a.filedAt),
    decision:
      a.status === "pending"
        ? null
        : { by: a.decidedBy ?? "", at: iso(a.decidedAt), note: a.decisionNote ?? "" },
    cases: a.cases.map(caseView),
    attachments: a.attachments.map((f) => ({
      url: `/api/v1/attachments/${f.id}`,
      name: f.name ?? `附件 ${f.id}`,
      typeLabel: EVIDENCE_LABELS[f.mime as EvidenceMime] ?? f.mime,
      image: f.mime.startsWith("image/"),
      size: sizeText(f.size),
    })),
    effect,
    decidable,
    notDecidable:
      a.status !== "pending" || decidable
        ? null
        : scope === "own"
          ? "本单位的申请由上级单位或评估方审核"
          : "您的角色不审核核减申请",
  };
}

/** The queue: the quarter's appeals in the unit's subtree, pending first (oldest first). */
export async function buildAppealQueue(
  db: Kysely<DB>,
  page: Resolved,
  now: Date,
): Promise<AppealQueueView> {
  const rows = await listAppeals(db, { rootId: page.unit.id, quarter: page.quarter });
  const appeals = await Promise.all(rows.map((a) => appealView(db, page, a)));
  const period = formatPeriod(page.quarter);
  const { appealsDueDay } = await cycleDaysOf(db, page.quarter.year);
  return {
    ...page.ctx,
    appeals,
    pending: appeals.filter((a) => a.status === "pending").length,
    lastDay: appealsLastDay(page.quarter, appealsDueDay),
    windowOpen: now < appealsDueAt(page.quarter, appealsDueDay),
    newHref: can(page.principal.role, "appeals.file")
      ? `/dashboard/${encodeURIComponent(page.unit.code)}/appeals/new?period=${period}`
      : null,
  };
}

function candidateView(c: CandidateRow, indicator: CaseIndicator): AppealCaseView {
  return {
    key: `${c.source}/${c.externalId}`,
    source: c.source,
    externalId: c.externalId,
    unitName: c.orgUnitName,
    kindLabel: kindLabel(c.kind),
    channelLabel: channelLabel(c.channel),
    reported: iso(c.reportedAt),
    responded: iso(c.respondedAt),
    resolved: iso(c.resolvedAt),
    deadline: iso(c.deadlineAt),
    blocked:
      c.exemptAppealId !== null
        ? `已核减（#${c.exemptAppealId}）`
        : c.pendingAppealId !== null
          ? `待审核（#${c.pendingAppealId}）`
          : null,
    against: c.against ? AGAINST_LABELS[indicator] || null : null,
    exempt: c.exemptAppealId !== null,
  };
}

/** The filing page: the unit's cases of one case-based indicator, those against it first. */
export async function buildAppealForm(
  db: Kysely<DB>,
  page: Resolved,
  indicatorText: string | undefined,
  now: Date,
): Promise<AppealFormView> {
  const indicator = (CASE_INDICATORS as readonly string[]).includes(indicatorText ?? "")
    ? (indicatorText as CaseIndicator)
    : "G2";
  const scheme = await schemeOfYear(db, page.quarter.year);
  const period = formatPeriod(page.quarter);
  const base = `/dashboard/${encodeURIComponent(page.unit.code)}/appeals`;
  const rows = await indicatorCases(db, {
    rootId: page.unit.id,
    q: quarterRange(page.quarter),
    indicator,
    slaMinutes: scheme.responseSlaMinutes,
    // The unit's own S1 target (targets by level and urban/rural).
    targetHours: goalpostsFor(scheme, "S1", profileOf(page.unit)).target,
    limit: FORM_CASE_LIMIT + 1,
  });
  return {
    ...page.ctx,
    indicators: CASE_INDICATORS.map((code) => ({
      code,
      name: INDICATORS[code].nameZh,
      href: `${base}/new?period=${period}&indicator=${code}`,
      selected: code === indicator,
    })),
    indicator: {
      code: indicator,
      name: INDICATORS[indicator].nameZh,
      againstLabel: AGAINST_LABELS[indicator],
    },
    cases: rows.slice(0, FORM_CASE_LIMIT).map((c) => candidateView(c, indicator)),
    truncated: rows.length > FORM_CASE_LIMIT,
    reasons: APPEAL_REASONS.map((value) => ({ value, label: APPEAL_REASON_LABELS[value] })),
    lastDay: appealsLastDay(page.quarter, scheme.appealsDueDay),
    windowOpen: now < appealsDueAt(page.quarter, scheme.appealsDueDay),
    queueHref: `${base}?period=${period}`,
    maxFileMb: ATTACHMENT_LIMIT / 1024 / 1024,
  };
}
