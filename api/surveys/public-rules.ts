import { Invalid } from "../errors.ts";
import type { CompiledSurvey } from "./definition.ts";

/** The answer every resident's own form must carry (issue 22): the overall satisfaction item. */
export const PUBLIC_REQUIRED = "overall";
/** What a refused response says about the missing overall item (the form shows it too). */
export const REQUIRED_MESSAGE = "必答题：请选择一项";

/**
 * A resident's own response (mode `self`, the public form and its JSON endpoint) must answer
 * the overall item, whatever the definition's `isRequired` says: an empty form is refused, not
 * thanked for. Surveys without an overall item are left to the definition's own rules. Kept
 * apart from `checkAnswers` (shared by assisted entry and imports, which have their own rule).
 */
export function requireOverall(
  survey: CompiledSurvey,
  answers: Record<string, unknown>,
  prefix = "answers",
): void {
  if (!survey.fields.has(PUBLIC_REQUIRED)) return;
  const v = answers[PUBLIC_REQUIRED];
  if (v !== undefined && v !== null && v !== "") return;
  throw new Invalid("请先回答“总体满意度”这一题（必答），再提交问卷。", [
    { path: `${prefix}.${PUBLIC_REQUIRED}`, message: REQUIRED_MESSAGE },
  ]);
}
