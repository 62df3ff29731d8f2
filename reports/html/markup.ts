/**
 * Small HTML helpers for the report renderers: escaping, table building, status and grade chips,
 * and display formatting of figures (INDICATORS.md "Rounding", via shapes/format.ts).
 */
import type { IndicatorCode, Status } from "../../metrics/index.ts";
import { formatIndicator, formatNumber, NO_VALUE, unitText } from "../../shapes/format.ts";
import { GRADE_LABELS, STATUS_LABELS } from "../../shapes/labels.ts";
import { GRADE_COLOURS, STATUS_COLOURS } from "../../shapes/theme.ts";

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/**
 * Text made safe for HTML content and attribute values.
 *
 * @example
 * ```ts
 * esc('<a href="x">'); // "&lt;a href=&quot;x&quot;&gt;"
 * ```
 */
export function esc(text: string | number | null | undefined): string {
  if (text === null || text === undefined) return "";
  return String(text).replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** A table cell: text (escaped) or trusted markup, with an optional class. */
export type Cell = string | { html: string; cls?: string } | { text: string; cls?: string };

function cell(tag: "td" | "th", c: Cell): string {
  if (typeof c === "string") return `<${tag}>${esc(c)}</${tag}>`;
  const cls = c.cls ? ` class="${esc(c.cls)}"` : "";
  return "html" in c ? `<${tag}${cls}>${c.html}</${tag}>` : `<${tag}${cls}>${esc(c.text)}</${tag}>`;
}

/**
 * A table the PDF paginator may split between rows (class `t`): a header row repeated on each
 * piece, rows never split across pages. `widths` are column widths (CSS), `numeric` the columns
 * aligned right.
 */
export function table(
  head: readonly string[],
  rows: readonly (readonly Cell[])[],
  opts: { widths?: readonly string[]; numeric?: readonly number[]; cls?: string } = {},
): string {
  const numeric = new Set(opts.numeric ?? []);
  const cols = opts.widths
    ? `<colgroup>${opts.widths.map((w) => `<col style="width:${esc(w)}">`).join("")}</colgroup>`
    : "";
  const align = (cells: readonly Cell[]) =>
    cells.map((c, i) => {
      if (!numeric.has(i)) return c;
      if (typeof c === "string") return { text: c, cls: "num" };
      return { ...c, cls: `${c.cls ?? ""} num`.trim() };
    });
  const body =
    rows.length === 0
      ? `<tr><td class="empty" colspan="${head.length}">无</td></tr>`
      : rows
          .map(
            (r) =>
              `<tr>${align(r)
                .map((c) => cell("td", c))
                .join("")}</tr>`,
          )
          .join("\n");
  return (
    `<table class="t${opts.cls ? ` ${esc(opts.cls)}` : ""}">${cols}` +
    `<thead><tr>${align(head)
      .map((h) => cell("th", h))
      .join("")}</tr></thead>` +
    `<tbody>\n${body}\n</tbody></table>`
  );
}

/** A status chip (达标 / 预警 / 红色 / 无数据) in the dashboard's colours. */
export function statusChip(s: Status | null): string {
  const c = STATUS_COLOURS[s ?? "none"];
  const text = s ? STATUS_LABELS[s] : "无数据";
  return `<span class="chip" style="background:${c.fill};color:${c.text};border-color:${c.solid}">${text}</span>`;
}

/** A grade chip (优秀 / 良好 / 合格 / 不合格), or "—". */
export function gradeChip(grade: string | null): string {
  if (grade === null) return NO_VALUE;
  const key = (Object.keys(GRADE_LABELS) as (keyof typeof GRADE_LABELS)[]).find(
    (k) => GRADE_LABELS[k] === grade,
  );
  const c = GRADE_COLOURS[key ?? "none"];
  return `<span class="chip" style="background:${c.fill};color:${c.text};border-color:${c.solid}">${esc(grade)}</span>`;
}

/** An indicator's value with its catalogue decimals, and its unit when `withUnit`. */
export function value(code: IndicatorCode, v: number | null, withUnit = false): string {
  const text = formatIndicator(code, v);
  if (!withUnit || text === NO_VALUE) return text;
  const u = unitText(code);
  return u === "%" || u === "‰" ? `${text}${u}` : `${text} ${u}`;
}

/** A count or sum (numerator, denominator): whole numbers as such, others to two decimals. */
export function amount(v: number | null): string {
  if (v === null) return NO_VALUE;
  return formatNumber(v, Number.isInteger(v) ? 0 : 2);
}

/** Paragraphs from sentences. */
export function paragraphs(sentences: readonly string[], cls = "lead"): string {
  return sentences.length === 0 ? "" : `<p class="${cls}">${sentences.map(esc).join("")}</p>`;
}

/** A figure holding a chart's SVG, with its caption. */
export function figure(svg: string, caption: string, cls = ""): string {
  return `<figure class="chart${cls ? ` ${cls}` : ""}">${svg}<figcaption>${esc(caption)}</figcaption></figure>`;
}
