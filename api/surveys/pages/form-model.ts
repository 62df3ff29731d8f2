/**
 * The survey definition as the server-rendered public form shows it: native HTML questions
 * (five-point scales and single choices as radio fieldsets, multiple choices as checkboxes,
 * text and comment boxes). Read with survey-core's own Model, so defaults (rateMin/rateMax,
 * localised texts) are SurveyJS's. A definition using anything else (conditions, panels,
 * matrices, "other" boxes, display-only HTML) gets no native form: its page stays SurveyJS.
 */
import type { CompiledSurvey } from "../definition.ts";
import { PUBLIC_REQUIRED } from "../public-rules.ts";

export interface FormOption {
  /** The value as the form sends it (text). */
  key: string;
  /** The value as the definition holds it (number or text), what is stored. */
  value: unknown;
  text: string;
}

export interface FormQuestion {
  name: string;
  kind: "scale" | "choice" | "multi" | "text" | "longtext";
  title: string;
  description: string | null;
  required: boolean;
  options: FormOption[];
  maxLength: number | null;
}

export interface FormModel {
  questions: FormQuestion[];
  completeText: string;
}

// biome-ignore lint/suspicious/noExplicitAny: survey-core's question classes are read through their JSON properties
type AnyQuestion = any;

const CONDITIONS = ["visibleIf", "enableIf", "requiredIf", "resetValueIf", "setValueIf"];

function options(items: AnyQuestion[]): FormOption[] {
  return items.map((i) => ({
    key: String(i.value),
    value: i.value,
    text: String(i.text ?? i.value),
  }));
}

function question(q: AnyQuestion): FormQuestion | null {
  if (CONDITIONS.some((k) => typeof q[k] === "string" && q[k] !== "")) return null;
  if (q.showOtherItem === true || q.showCommentArea === true || q.showNoneItem === true)
    return null;
  const type: string = q.getType();
  const base = {
    name: q.getValueName() as string,
    title: String(q.processedTitle || q.title || q.name),
    description: typeof q.description === "string" && q.description !== "" ? q.description : null,
    required: q.isRequired === true || q.name === PUBLIC_REQUIRED,
    options: [] as FormOption[],
    maxLength: null as number | null,
  };
  const limit = typeof q.getMaxLength === "function" ? q.getMaxLength() : null;
  switch (type) {
    case "rating":
      return { ...base, kind: "scale", options: options(q.visibleRateValues ?? []) };
    case "radiogroup":
      return { ...base, kind: "choice", options: options(q.visibleChoices ?? []) };
    case "checkbox":
      return { ...base, kind: "multi", options: options(q.visibleChoices ?? []) };
    case "comment":
      return {
        ...base,
        kind: "longtext",
        maxLength: typeof limit === "number" && limit > 0 ? limit : null,
      };
    case "text":
      if ((q.inputType ?? "text") !== "text") return null;
      return {
        ...base,
        kind: "text",
        maxLength: typeof limit === "number" && limit > 0 ? limit : null,
      };
    default:
      return null;
  }
}

async function build(definition: unknown): Promise<FormModel | null> {
  const { Model } = await import("survey-core");
  let model: AnyQuestion;
  try {
    model = new Model(definition as object);
  } catch {
    return null;
  }
  model.locale = "zh-cn";
  if (model.getAllPanels().length > 0) return null;
  const questions: FormQuestion[] = [];
  for (const q of model.getAllQuestions(false, false, true) as AnyQuestion[]) {
    const one = question(q);
    if (!one) return null;
    questions.push(one);
  }
  if (questions.length === 0) return null;
  const complete = model.completeText;
  return { questions, completeText: typeof complete === "string" && complete ? complete : "提交" };
}

/** Built once per compiled survey version (those are kept for good by the runtime). */
const built = new WeakMap<CompiledSurvey, Promise<FormModel | null>>();

/** The native form of a survey version, or null when it needs SurveyJS. */
export function formModel(survey: CompiledSurvey): Promise<FormModel | null> {
  let p = built.get(survey);
  if (!p) {
    p = build(survey.definition);
    built.set(survey, p);
  }
  return p;
}

/**
 * A plain form POST's fields as answers: option keys back to their values (a key that is no
 * option stays text, so `checkAnswers` refuses it), empty text left out. Other fields (the
 * token, the id) are not answers.
 */
export function answersFromForm(
  model: FormModel,
  form: Record<string, string | string[]>,
): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  const pick = (q: FormQuestion, key: string) => q.options.find((o) => o.key === key)?.value ?? key;
  for (const q of model.questions) {
    const raw = form[q.name];
    if (raw === undefined) continue;
    const list = (Array.isArray(raw) ? raw : [raw]).filter((v) => v !== "");
    if (list.length === 0) continue;
    if (q.kind === "multi") answers[q.name] = list.map((k) => pick(q, k));
    else if (q.kind === "text" || q.kind === "longtext") answers[q.name] = list[0];
    else answers[q.name] = pick(q, list[0]!);
  }
  return answers;
}
