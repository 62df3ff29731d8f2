/**
 * The 问卷 page's view model (系统管理): each survey at its latest version, and one version's
 * questions as a read-only list (pages, question titles, types, required, options) read straight
 * from the stored SurveyJS JSON, so a preview needs no survey-core and never stores an answer.
 */
import type { Kysely } from "kysely";
import type {
  SetupBase,
  SurveyQuestionView,
  SurveysView,
} from "../../web/pages/admin-setup-model.ts";
import type { DB } from "../db/database.ts";
import { listSurveyVersions } from "./queries/versions.ts";
import { findSurvey, listSurveys } from "./queries.ts";

/** The page's path; `?id=&version=` picks the version shown. */
export const SURVEYS_PAGE = "/admin/surveys";

const TYPE_LABELS: Readonly<Record<string, string>> = Object.freeze({
  rating: "评分",
  radiogroup: "单选",
  dropdown: "下拉单选",
  checkbox: "多选",
  tagbox: "多选",
  ranking: "排序",
  text: "填空",
  comment: "文本",
  boolean: "是/否",
  imagepicker: "图片选择",
  matrix: "矩阵",
  expression: "计算",
});

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** A SurveyJS string: plain, or localised (`{"zh-cn": …, default: …}`). */
function text(v: unknown, fallback = ""): string {
  if (typeof v === "string") return v;
  if (isObject(v)) {
    const t = v["zh-cn"] ?? v.default ?? Object.values(v).find((x) => typeof x === "string");
    if (typeof t === "string") return t;
  }
  return fallback;
}

function options(q: Json): string[] {
  const item = (c: unknown) =>
    isObject(c) ? `${text(c.text, String(c.value ?? ""))}` : String(c ?? "");
  if (Array.isArray(q.rateValues)) return q.rateValues.map(item);
  if (q.type === "rating") {
    const min = typeof q.rateMin === "number" ? q.rateMin : 1;
    const max = typeof q.rateMax === "number" ? q.rateMax : 5;
    return max >= min && max - min <= 20
      ? Array.from({ length: max - min + 1 }, (_, i) => String(min + i))
      : [];
  }
  return Array.isArray(q.choices) ? q.choices.map(item) : [];
}

/** The questions of a SurveyJS definition, page by page (panels flattened in order). */
export function surveyQuestions(definition: unknown): {
  title: string;
  questions: SurveyQuestionView[];
}[] {
  if (!isObject(definition)) return [];
  const pages = Array.isArray(definition.pages)
    ? definition.pages
    : [{ elements: definition.elements ?? definition.questions }];
  const walk = (elements: unknown, out: SurveyQuestionView[]) => {
    if (!Array.isArray(elements)) return out;
    for (const e of elements) {
      if (!isObject(e)) continue;
      if (e.type === "panel" || e.type === "paneldynamic") {
        walk(e.elements ?? e.templateElements, out);
        continue;
      }
      const name = typeof e.name === "string" ? e.name : "";
      out.push({
        name,
        title: text(e.title, name),
        typeLabel: TYPE_LABELS[String(e.type)] ?? String(e.type ?? "—"),
        required: e.isRequired === true,
        options: options(e),
      });
    }
    return out;
  };
  return pages.filter(isObject).map((p, i) => ({
    title: text(p.title, text(p.name, `第 ${i + 1} 页`)),
    questions: walk(p.elements, []),
  }));
}

const pageHref = (id: string, version?: number) =>
  `${SURVEYS_PAGE}?id=${encodeURIComponent(id)}${version ? `&version=${version}` : ""}`;

export async function buildSurveysPage(
  db: Kysely<DB>,
  base: SetupBase,
  id: string | undefined,
  version: number | undefined,
): Promise<SurveysView | null> {
  const surveys = await listSurveys(db);
  const wanted = id ?? surveys[0]?.id;
  const row = wanted ? await findSurvey(db, wanted, version) : undefined;
  if (id && !row) return null;
  const versions = row ? await listSurveyVersions(db, row.id) : [];
  return {
    ...base,
    surveys: surveys.map((s) => ({
      id: s.id,
      title: s.title,
      version: s.version,
      versions: Number(s.versions),
      href: pageHref(s.id),
    })),
    selected: row
      ? {
          id: row.id,
          title: row.title,
          version: row.version,
          versions: versions.map((v) => ({
            version: v.version,
            createdAt: v.createdAt.toISOString(),
            createdBy: v.createdBy,
            href: pageHref(row.id, v.version),
          })),
          createdAt: row.createdAt.toISOString(),
          createdBy: row.createdBy,
          pages: surveyQuestions(row.definition),
        }
      : null,
  };
}
