/** Chinese names of the assessment's parts (issue 20), as pages, reports and the workbook show them. */

/** An adjustment item's kind. */
export const ADJUSTMENT_KIND_LABELS = Object.freeze({
  bonus: "加分项",
  penalty: "减分项",
} as const);

/** A unit's assessment of a quarter: signed off, a draft, or none stored. */
export const ASSESSMENT_STATE_LABELS = Object.freeze({
  signed: "已签署",
  draft: "草稿",
  none: "未评估",
} as const);
