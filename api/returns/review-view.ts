/**
 * The street's review on the 季度填报 page: the review of a return as the page shows it, and the
 * returns a viewer may approve or send back (review.ts decides; this only offers the forms).
 */
import { formatInstant } from "../../shapes/format.ts";
import type { ReviewFormView, ReviewView } from "../../web/pages/returns-model.ts";
import { can } from "../access/permissions.ts";
import type { Principal } from "../access/principal.ts";
import type { StoredReturn } from "./queries.ts";
import { reviewsFromAbove } from "./review.ts";

export const REVIEW_LABELS: Record<ReviewView["state"], string> = {
  pending: "待审核",
  approved: "已通过",
  returned: "已退回",
};

/** A filed return's review as the page shows it. */
export function reviewView(r: StoredReturn): ReviewView {
  const state = r.review.state ?? "pending";
  return {
    state,
    label: REVIEW_LABELS[state],
    by: r.review.by ?? "",
    at: r.review.at ? formatInstant(r.review.at.toISOString()) : "",
    reason: r.review.reason,
  };
}

/**
 * The review forms a viewer gets: one per filed return of a unit strictly below their scope, when
 * they may review (returns.review) and the quarter is open; null for a viewer who does not review.
 */
export function reviewForms(
  principal: Principal,
  returns: readonly StoredReturn[],
  open: boolean,
  action: string,
  stateLabel: (r: StoredReturn) => string,
  figures: (r: StoredReturn) => ReviewFormView["figures"],
): ReviewFormView[] | null {
  if (!can(principal.role, "returns.review") || !open) return null;
  return returns
    .filter((r) => reviewsFromAbove(principal, r.unitId))
    .map((r) => ({
      code: r.code,
      name: r.name,
      stateLabel: stateLabel(r),
      review: reviewView(r),
      filedBy: r.updatedBy ?? "—",
      filedAt: formatInstant(r.updatedAt.toISOString()),
      figures: figures(r),
      action,
    }));
}
