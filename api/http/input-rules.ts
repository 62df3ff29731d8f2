/**
 * What any value from a client must be before it goes further, whatever its field: the rules
 * behind "no 500 from input" (issue 16), each defined once here and applied at the edge by the
 * router (http/router.ts), the URL check (middleware/url-text.ts) and the readers that take
 * input without zod (the case batch and files, survey batches and imports).
 *
 * - Text holds no NUL (PostgreSQL `text` and `jsonb` cannot store U+0000) and no unpaired
 *   UTF-16 surrogate (only a `\ud800`-style JSON escape makes one; UTF-8 cannot carry it).
 * - Numbers are finite (`JSON.parse` turns `1e400` into Infinity).
 * - Arrays and objects nest at most MAX_JSON_DEPTH deep: nothing the app takes needs more, and
 *   recursive code further on (`JSON.stringify`, PostgreSQL's jsonb parser, SurveyJS) would
 *   overflow its stack thousands of levels down.
 * - Integers bound for an `integer` column lie within INT4.
 */
import type { FieldError } from "../errors.ts";

/** Deepest nesting of arrays and objects a request may carry (a survey definition needs ~6). */
export const MAX_JSON_DEPTH = 64;

/** PostgreSQL `integer`. */
export const INT4_MIN = -2_147_483_648;
export const INT4_MAX = 2_147_483_647;

/** Why a text cannot be taken, in the user's language; `null` when it can. */
export function textFault(s: string): string | null {
  if (s.includes("\u0000")) return "含有空字符 NUL（\\u0000），无法保存";
  if (!(s as unknown as { isWellFormed(): boolean }).isWellFormed()) {
    return "含有不成对的代理字符（UTF-16 surrogate，\\ud800–\\udfff），不是有效文本";
  }
  return null;
}

export const NOT_FINITE = "数值超出范围（不是有限数）";
export const TOO_DEEP = `嵌套超过 ${MAX_JSON_DEPTH} 层`;

/** The message for an integer outside [min, max]. */
export const intRange = (min: number, max: number) => `须为 ${min} 至 ${max} 之间的整数`;

/** A key as a path segment: a bad key is shown with U+FFFD in place of what broke the rule. */
const shown = (key: string) =>
  (key as unknown as { toWellFormed(): string }).toWellFormed().replaceAll("\u0000", "\ufffd");

/**
 * The first value of a parsed JSON document (or any plain data) that breaks a rule above,
 * as a field error whose path is `prefix` then the keys down to it (`body.answers.comment`);
 * `null` when all is well. Object keys are text too, and so are the names of uploaded files. `depthOnly` checks the nesting alone (the
 * case batch checks text record by record). Walks with its own stack, so a document nested a
 * million deep is refused, not a stack overflow.
 */
export function hostileValue(
  value: unknown,
  prefix: string,
  options: { depthOnly?: boolean } = {},
): FieldError | null {
  const all = options.depthOnly !== true;
  const stack: { v: unknown; path: string; depth: number }[] = [
    { v: value, path: prefix, depth: 0 },
  ];
  const at = (path: string, key: string | number) => (path === "" ? String(key) : `${path}.${key}`);
  while (stack.length > 0) {
    const { v, path, depth } = stack.pop()!;
    if (typeof v === "string" && all) {
      const fault = textFault(v);
      if (fault) return { path: path || "(root)", message: fault };
    } else if (typeof v === "number" && all) {
      if (!Number.isFinite(v)) return { path: path || "(root)", message: NOT_FINITE };
    } else if (v instanceof Blob) {
      // An uploaded file: its bytes are the reader's business, its name is text.
      const name = (v as Partial<File>).name;
      const fault = all && typeof name === "string" ? textFault(name) : null;
      if (fault) return { path: path || "(root)", message: `文件名${fault}` };
    } else if (v !== null && typeof v === "object") {
      if (depth >= MAX_JSON_DEPTH) return { path: path || "(root)", message: TOO_DEEP };
      if (Array.isArray(v)) {
        for (let i = v.length - 1; i >= 0; i--) {
          stack.push({ v: v[i], path: at(path, i), depth: depth + 1 });
        }
      } else {
        const keys = Object.keys(v);
        for (let i = keys.length - 1; i >= 0; i--) {
          const key = keys[i]!;
          const fault = all ? textFault(key) : null;
          if (fault) return { path: at(path, shown(key)), message: `字段名${fault}` };
          stack.push({
            v: (v as Record<string, unknown>)[key],
            path: at(path, key),
            depth: depth + 1,
          });
        }
      }
    }
  }
  return null;
}
