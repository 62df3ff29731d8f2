/**
 * The overview's rectification panel (issue 19): open, overdue and due-soon tasks of the unit's
 * subtree, those verified this quarter and the recovery rate, from the ledger's summary
 * (api/rectifications/summary.ts, as GET /api/v1/rectifications/summary answers).
 */
import { formatNumber } from "../../shapes/format.ts";
import type { RectificationPanelView } from "../../web/pages/rectification-model.ts";
import { can } from "../access/permissions.ts";
import { rectificationSummary } from "../rectifications/summary.ts";
import type { Resolved } from "./context.ts";
import { pagePath } from "./nav.ts";

/** The panel; null when the role does not read the ledger. */
export async function rectificationPanel(
  page: Resolved,
  now: Date,
): Promise<RectificationPanelView | null> {
  if (!can(page.principal.role, "rectifications.read")) return null;
  const s = await rectificationSummary(
    { engine: page.engine, now },
    { orgUnit: page.unit.code, scopeUnitId: page.principal.scopeUnitId },
  );
  return {
    open: s.open,
    submitted: s.submitted,
    overdue: s.overdue,
    dueSoon: s.dueSoon,
    verifiedThisQuarter: s.verifiedThisQuarter,
    recoveryRate: s.recoveryRate === null ? "—" : `${formatNumber(s.recoveryRate * 100, 1)}%`,
    ledgerHref: pagePath("rectifications", page.unit.code, page.ctx.period),
  };
}
