import { APPEAL_REASON_LABELS, APPEAL_STATUS_LABELS } from "../../../shapes/appeals.ts";
import { formatPeriod } from "../../../shapes/periods.ts";
import type { AppealRow } from "../queries/read.ts";

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

/** An appeal as the API answers it. */
export function presentAppeal(a: AppealRow) {
  return {
    id: a.id,
    orgUnit: a.orgUnitCode,
    orgUnitName: a.orgUnitName,
    period: formatPeriod(a),
    reason: a.reason,
    reasonLabel: APPEAL_REASON_LABELS[a.reason],
    note: a.note,
    status: a.status,
    statusLabel: APPEAL_STATUS_LABELS[a.status],
    filedBy: a.filedBy,
    filedAt: a.filedAt.toISOString(),
    decision:
      a.status === "pending" || a.decidedAt === null
        ? null
        : {
            decision: a.status,
            note: a.decisionNote ?? "",
            decidedBy: a.decidedBy ?? "",
            decidedAt: a.decidedAt.toISOString(),
          },
    cases: a.cases.map((c) => ({
      source: c.source,
      externalId: c.externalId,
      orgUnit: c.orgUnitCode,
      orgUnitName: c.orgUnitName,
      kind: c.kind,
      channel: c.channel,
      reportedAt: iso(c.reportedAt),
      respondedAt: iso(c.respondedAt),
      resolvedAt: iso(c.resolvedAt),
      deadlineAt: iso(c.deadlineAt),
      complaint: c.complaint,
      exempt: c.exempt,
    })),
    attachments: a.attachments.map((f) => ({
      id: f.id,
      name: f.name,
      mime: f.mime,
      size: f.size,
      sha256: f.sha256,
      url: `/api/v1/attachments/${f.id}`,
    })),
  };
}
