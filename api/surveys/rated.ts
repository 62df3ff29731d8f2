import { SURVEY_ITEMS } from "../../metrics/index.ts";
import type { FieldError } from "../errors.ts";

/** The rated items' Chinese names, in SURVEY_ITEMS order, for the message. */
const ITEM_NAMES = "总体满意度、办理时效、解决效果、沟通透明、服务态度";

export const NO_RATED_ITEM = `至少需要一项评分（${ITEM_NAMES}中任选一项，1–5 分）：全部未答的问卷不计入群众满意度，不予保存。`;

/**
 * The rule for responses entered by staff (assisted entry, batch and file imports of paper
 * surveys, where a respondent may have skipped the overall item): at least one rated item,
 * an integer 1–5, as INDICATORS.md's survey score assumes (a response with none does not count).
 * The public form's own rule (the overall item required) lives with the form. `at` is the path
 * of the answers object in the request.
 *
 * @example
 * ratedItemErrors({ ageBand: "60-79" }, "answers"); // [{ path: "answers", message: NO_RATED_ITEM }]
 * ratedItemErrors({ attitude: 4 }, "answers"); // []
 */
export function ratedItemErrors(answers: Record<string, unknown>, at: string): FieldError[] {
  const rated = SURVEY_ITEMS.some((item) => {
    const v = answers[item];
    return typeof v === "number" && Number.isInteger(v) && v >= 1 && v <= 5;
  });
  return rated ? [] : [{ path: at, message: NO_RATED_ITEM }];
}
