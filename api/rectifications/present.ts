import type { IndicatorCode } from "../../metrics/index.ts";
import type { RectificationTask, RectificationTrendPoint } from "../../shapes/rectifications.ts";
import { dueState } from "./dates.ts";
import type { TaskDetail } from "./queries/read.ts";

/**
 * Whether the unit recovered: the newest later quarter with a status says no longer red; null
 * when no quarter after the opening one has a status yet.
 */
export function recoveredFrom(period: string, trend: readonly RectificationTrendPoint[]) {
  const later = trend.filter((p) => p.period > period && p.status !== null);
  const last = later[later.length - 1];
  return last === undefined ? null : last.status !== "red";
}

/** A task as the API, the ledger, reports and pages see it (shapes/rectifications.ts). */
export function presentTask(
  t: TaskDetail,
  today: string,
  trend: RectificationTrendPoint[] = [],
): RectificationTask {
  return {
    id: t.id,
    orgUnit: t.orgUnitCode,
    orgUnitName: t.orgUnitName,
    parentName: t.parentName,
    level: t.level,
    period: t.period,
    indicator: t.indicator as IndicatorCode,
    origin: t.origin,
    instruction: t.instruction,
    valueAtOpen: t.valueAtOpen,
    status: t.status,
    ...dueState(t.deadline, t.status === "verified", today),
    openedAt: t.openedAt.toISOString(),
    openedBy: t.openedBy,
    deadline: t.deadline,
    extended: t.extended,
    measures: t.measures,
    progress: t.progress.map((p) => ({
      id: p.id,
      at: p.at.toISOString(),
      by: p.by,
      measures: p.measures,
      note: p.note,
    })),
    attachments: t.attachments.map((a) => ({
      id: a.id,
      filename: a.name ?? `attachment-${a.id}`,
      contentType: a.mime,
      size: a.size,
    })),
    decisions: t.decisions.map((d) => ({
      at: d.at.toISOString(),
      by: d.by,
      decision: d.decision,
      note: d.note,
      newDeadline: d.newDeadline,
    })),
    trend,
    recovered: recoveredFrom(t.period, trend),
  };
}
