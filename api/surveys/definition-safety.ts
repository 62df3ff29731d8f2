/**
 * What a survey definition may not carry, however valid SurveyJS finds it: the forms are public
 * pages that residents open from a QR code, so a definition must not be able to put markup or
 * script into them.
 *
 * - Raw HTML: the `html` question type and every property named `…Html…` (`completedHtml`,
 *   `loadingHtml`, `completedBeforeHtml`, `completedHtmlOnCondition`…), which SurveyJS renders
 *   as markup. Our survey page never installs a markdown-to-HTML converter (`onTextMarkdown`),
 *   so every other string is rendered as text; a string that looks like an HTML tag is refused
 *   all the same, so nothing depends on that staying true.
 * - Script links: any string that is a `javascript:`, `vbscript:` or HTML `data:` URL (image
 *   links, choice images…), and `navigateToUrl…` (sending residents elsewhere after the form).
 * - Expressions (`visibleIf`, `…Expression`, `expression`…): survey-core evaluates them with its
 *   own parser, never with `eval`; the functions they call must be survey-core's own, so a
 *   function registered later in a page can never be reached from a stored definition.
 *
 * The walk is iterative: a definition nested very deep costs a loop, not the stack.
 */
import type { FieldError } from "../errors.ts";

/** An HTML tag, comment or processing instruction: `<b>`, `<img src…`, `</p`, `<!--`, `<?`. */
const TAG = /<(?:[a-z][\w:-]*[\s/>]|\/[a-z]|!|\?)/i;
/** URL schemes that run script or render markup when followed or loaded. */
const SCRIPT_URL = /^(?:javascript|vbscript|data:text\/html|data:application\/xhtml)/;
/** Properties SurveyJS evaluates as expressions. */
const EXPRESSION_KEY = /(?:If|Expression)$|^(?:expression|condition)$/;
/** A function call inside an expression: `age({birthday})`, `iif(…)`. */
const CALL = /([A-Za-z_$][\w$]*)\s*\(/g;

/** Whether `text` holds something an HTML parser would read as markup (a survey's own title). */
export function containsHtmlTag(text: string): boolean {
  return TAG.test(text);
}

/** Whether `text`, read as a URL, runs script (spaces and control characters do not hide it). */
function isScriptUrl(text: string): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: browsers skip these inside a scheme
  return SCRIPT_URL.test(text.replace(/[\u0000-\u0020\u007f]/g, "").toLowerCase());
}

/**
 * The parts of `definition` that could put markup or script into the public page, each with its
 * path (`definition.pages.0.elements.3.type`) and a Chinese reason; empty when there are none.
 * `isKnownFunction` says whether an expression may call a function (survey-core's own).
 */
export function unsafeDefinitionParts(
  definition: unknown,
  isKnownFunction: (name: string) => boolean,
  root = "definition",
): FieldError[] {
  const errors: FieldError[] = [];
  const stack: { value: unknown; path: string; key: string }[] = [
    { value: definition, path: root, key: "" },
  ];
  while (stack.length > 0) {
    const { value, path, key } = stack.pop()!;
    if (/html/i.test(key)) {
      errors.push({ path, message: `不允许使用 HTML 内容（${key}）` });
      continue;
    }
    if (/^navigateToUrl/.test(key)) {
      errors.push({ path, message: "问卷提交后不允许跳转到其他网址" });
      continue;
    }
    if (typeof value === "string") {
      errors.push(...unsafeText(value, path, key, isKnownFunction));
    } else if (Array.isArray(value)) {
      for (const [i, v] of value.entries()) stack.push({ value: v, path: `${path}.${i}`, key });
    } else if (value !== null && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) {
        if (k === "type" && typeof v === "string" && v.toLowerCase() === "html") {
          errors.push({ path: `${path}.type`, message: "不允许使用 html 类型的题目" });
          continue;
        }
        stack.push({ value: v, path: `${path}.${k}`, key: k });
      }
    }
  }
  return errors.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function unsafeText(
  text: string,
  path: string,
  key: string,
  isKnownFunction: (name: string) => boolean,
): FieldError[] {
  if (EXPRESSION_KEY.test(key)) {
    const unknown = [...text.matchAll(CALL)].map((m) => m[1]!).filter((f) => !isKnownFunction(f));
    return unknown.length > 0
      ? [{ path, message: `表达式调用了不支持的函数：${[...new Set(unknown)].join("、")}` }]
      : [];
  }
  if (TAG.test(text)) return [{ path, message: "不允许包含 HTML 标签" }];
  if (isScriptUrl(text)) return [{ path, message: "不允许包含脚本链接（如 javascript:）" }];
  return [];
}

/** `unsafeDefinitionParts` with survey-core's registered functions (loaded lazily, as definition.ts does). */
export async function checkDefinitionSafety(definition: unknown): Promise<FieldError[]> {
  const { FunctionFactory } = await import("survey-core");
  return unsafeDefinitionParts(definition, (name) => FunctionFactory.Instance.hasFunction(name));
}
