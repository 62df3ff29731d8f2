/**
 * A SurveyJS definition compiled once, with survey-core's own `Model`, into plain rules that
 * check a response's answers in microseconds (loading a Model costs ~6 ms: too slow to do per
 * submission). Versions are immutable, so a compiled survey is cached for good (see cache.ts).
 *
 * survey-core is imported lazily: it is large, and only the survey routes need it.
 */
import { SURVEY_ITEMS } from "../../metrics/index.ts";
import type { FieldError } from "../errors.ts";

/** Free text without a maxLength of its own is still capped (a comment, not a document). */
export const DEFAULT_TEXT_LIMIT = 2000;
/** Answers of question types without a specific rule are capped in JSON size. */
const OTHER_VALUE_LIMIT = 10_000;

type Rule =
  | { kind: "oneOf"; values: readonly unknown[]; label: string }
  | { kind: "manyOf"; values: readonly unknown[]; label: string }
  | { kind: "text"; maxLength: number }
  | { kind: "number" }
  | { kind: "boolean"; values: readonly unknown[] }
  | { kind: "any" };

interface Field {
  rule: Rule;
  required: boolean;
  /** Free text: masked for phone and ID numbers before storage. */
  freeText: boolean;
}

/** A survey version's answer rules, keyed by the answer names (SurveyJS `valueName` or `name`). */
export interface CompiledSurvey {
  id: string;
  version: number;
  title: string;
  definition: unknown;
  fields: ReadonlyMap<string, Field>;
  /** Name of the first long-text question (`comment` in the default survey), stored in its own column. */
  commentField: string | null;
}

// biome-ignore lint/suspicious/noExplicitAny: survey-core's question classes are read through their JSON properties, typed per question type
type AnyQuestion = any;

/** Stays a module cache (issue 17): a lazily loaded module, not state. */
let surveyCore: Promise<typeof import("survey-core")> | null = null;
function loadSurveyCore() {
  surveyCore ??= import("survey-core");
  return surveyCore;
}

const same = (a: unknown, b: unknown) => a === b;

function ruleFor(q: AnyQuestion, maxTextLength: number): { rule: Rule; freeText: boolean } | null {
  const type: string = q.getType();
  const textLimit = (): number => {
    const own = typeof q.getMaxLength === "function" ? q.getMaxLength() : null;
    if (typeof own === "number" && own > 0) return own;
    return maxTextLength > 0 ? maxTextLength : DEFAULT_TEXT_LIMIT;
  };
  switch (type) {
    case "rating": {
      const values = (q.visibleRateValues ?? []).map((v: AnyQuestion) => v.value);
      return { rule: { kind: "oneOf", values, label: values.join(", ") }, freeText: false };
    }
    case "radiogroup":
    case "dropdown":
    case "imagepicker": {
      const values = (q.visibleChoices ?? []).map((v: AnyQuestion) => v.value);
      const multi = type === "imagepicker" && q.multiSelect === true;
      const rule: Rule = multi
        ? { kind: "manyOf", values, label: values.join(", ") }
        : { kind: "oneOf", values, label: values.join(", ") };
      return { rule, freeText: false };
    }
    case "checkbox":
    case "tagbox":
    case "ranking": {
      const values = (q.visibleChoices ?? [])
        .map((v: AnyQuestion) => v.value)
        .filter((v: unknown) => v !== "");
      return { rule: { kind: "manyOf", values, label: values.join(", ") }, freeText: false };
    }
    case "boolean":
      return {
        rule: { kind: "boolean", values: [q.valueTrue ?? true, q.valueFalse ?? false] },
        freeText: false,
      };
    case "comment":
      return { rule: { kind: "text", maxLength: textLimit() }, freeText: true };
    case "text": {
      const input: string = q.inputType ?? "text";
      if (input === "number" || input === "range")
        return { rule: { kind: "number" }, freeText: false };
      return { rule: { kind: "text", maxLength: textLimit() }, freeText: true };
    }
    case "html":
    case "image":
    case "expression":
      return null; // display only: no answer
    default:
      return { rule: { kind: "any" }, freeText: false };
  }
}

/**
 * Loads a definition with survey-core and returns its rules, or the problems that make it
 * unusable: JSON errors survey-core reports (unknown types or properties), no question at all,
 * duplicate answer names, and any of the five-point items of INDICATORS.md (`overall` …) that
 * is not a rating with exactly the values 1–5 (the response score would be meaningless).
 */
export async function compileSurvey(s: {
  id: string;
  version: number;
  title: string;
  definition: unknown;
}): Promise<{ survey: CompiledSurvey; errors: FieldError[] }> {
  const { Model } = await loadSurveyCore();
  const errors: FieldError[] = [];
  let model: InstanceType<typeof Model>;
  try {
    model = new Model(s.definition as object);
  } catch (err) {
    // survey-core throws on some malformed JSON (a null element, a number where a type name
    // belongs) instead of listing it in jsonErrors.
    const why = err instanceof Error ? err.message : String(err);
    errors.push({ path: "definition", message: `SurveyJS 无法读取该定义：${why}` });
    return { survey: { ...s, fields: new Map(), commentField: null }, errors };
  }
  for (const e of (model.jsonErrors ?? []) as { message: string }[]) {
    errors.push({ path: "definition", message: `SurveyJS 定义有误：${e.message}` });
  }
  const fields = new Map<string, Field>();
  let commentField: string | null = null;
  const questions: AnyQuestion[] = model.getAllQuestions(false, false, true);
  for (const q of questions) {
    const compiled = ruleFor(q, model.maxTextLength ?? 0);
    if (!compiled) continue;
    const name: string = q.getValueName();
    if (fields.has(name)) {
      errors.push({
        path: `definition.${name}`,
        message: "两道题的答案名称相同",
      });
      continue;
    }
    fields.set(name, { ...compiled, required: q.isRequired === true });
    if (compiled.freeText && commentField === null && q.getType() === "comment")
      commentField = name;
    const comment = q.showCommentArea === true || q.showOtherItem === true || q.hasOther === true;
    if (comment && q.getType() !== "comment" && q.getType() !== "text") {
      fields.set(`${name}-Comment`, {
        rule: { kind: "text", maxLength: DEFAULT_TEXT_LIMIT },
        required: false,
        freeText: true,
      });
    }
  }
  if (fields.size === 0) errors.push({ path: "definition", message: "问卷中没有题目" });
  for (const item of SURVEY_ITEMS) {
    const f = fields.get(item);
    if (!f) continue;
    const values = f.rule.kind === "oneOf" ? f.rule.values : [];
    const fivePoint = values.length === 5 && [1, 2, 3, 4, 5].every((v, i) => values[i] === v);
    if (!fivePoint) {
      errors.push({
        path: `definition.${item}`,
        message: `${item} 计入满意度得分，须为 1–5 分的评分题`,
      });
    }
  }
  return {
    survey: { ...s, fields, commentField },
    errors,
  };
}

function show(v: unknown): string {
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/**
 * Checks answers against a compiled survey: every key is a question, every value allowed by its
 * question (rating values among its rate values, choices among its choices, text within its
 * maxLength), every required question answered. `null` means unanswered. Errors name the field
 * as `<prefix>.<answer name>` (`answers.overall`).
 */
export function checkAnswers(
  survey: CompiledSurvey,
  answers: Record<string, unknown>,
  prefix = "answers",
): FieldError[] {
  const errors: FieldError[] = [];
  for (const [key, value] of Object.entries(answers)) {
    const field = survey.fields.get(key);
    const path = `${prefix}.${key}`;
    if (!field) {
      errors.push({ path, message: `不是问卷 ${survey.id} 的题目` });
      continue;
    }
    if (value === null) continue;
    const message = checkValue(field.rule, value);
    if (message) errors.push({ path, message });
  }
  for (const [key, field] of survey.fields) {
    const v = answers[key];
    if (field.required && (v === undefined || v === null || v === "")) {
      errors.push({ path: `${prefix}.${key}`, message: "必填" });
    }
  }
  return errors;
}

function checkValue(rule: Rule, value: unknown): string | null {
  switch (rule.kind) {
    case "oneOf":
      return rule.values.some((v) => same(v, value))
        ? null
        : `${show(value)} 不在可选项 ${rule.label} 之中`;
    case "manyOf": {
      if (!Array.isArray(value)) return "须为选项列表";
      if (new Set(value).size !== value.length) return "同一选项出现了两次";
      const bad = value.find((x) => !rule.values.some((v) => same(v, x)));
      return bad === undefined ? null : `${show(bad)} 不在可选项 ${rule.label} 之中`;
    }
    case "text":
      if (typeof value !== "string") return "须为文字";
      return [...value].length > rule.maxLength ? `超过 ${rule.maxLength} 个字符` : null;
    case "number":
      return typeof value === "number" && Number.isFinite(value) ? null : "须为数字";
    case "boolean":
      return rule.values.some((v) => same(v, value))
        ? null
        : `须为 ${rule.values.map(show).join(" 或 ")}`;
    case "any":
      return (JSON.stringify(value)?.length ?? 0) > OTHER_VALUE_LIMIT ? "答案过长" : null;
  }
}

/** Names of the free-text answers (masked before storage). */
export function freeTextFields(survey: CompiledSurvey): string[] {
  return [...survey.fields].filter(([, f]) => f.freeText).map(([name]) => name);
}
