/**
 * The quarterly report's 综合得分与评估打分 chapter (issue 20): the unit's total and its parts, the
 * assessor's item scores with comments, the adjustments with reasons, and the children ranked by
 * total, the 未参评 ones after with the reason. Provisional totals are marked 暂定.
 */
import { formatNumber, formatScore, NO_VALUE } from "../../shapes/format.ts";
import type { ReportAssessmentPart, ReportTotalRow } from "../assemble/quarterly-assessment.ts";
import { type Cell, esc, gradeChip, paragraphs, table } from "./markup.ts";

const PROVISIONAL = "暂定";

/** `86.4`, `86.4（暂定）`, or — without a total. */
export function totalText(r: ReportTotalRow): string {
  if (r.total === null) return NO_VALUE;
  return r.provisional ? `${formatScore(r.total)}（${PROVISIONAL}）` : formatScore(r.total);
}

/** `+2.0`, `−1.5`, `0.0`. */
export function pointsText(v: number): string {
  const s = formatNumber(Math.abs(v), 1);
  return v > 0 ? `+${s}` : v < 0 ? `−${s}` : s;
}

function rankingTable(rows: readonly ReportTotalRow[], level: string): string {
  const cells = rows.map((r): Cell[] => [
    r.unrankedZh !== null ? "未参评" : r.rank === null ? NO_VALUE : String(r.rank),
    r.name,
    r.provisional ? { html: `${esc(totalText(r))}`, cls: "provisional" } : totalText(r),
    formatScore(r.index),
    formatScore(r.assessorScore),
    pointsText(r.adjustment),
    { html: gradeChip(r.grade) },
    r.unrankedZh ?? r.stateZh,
  ]);
  return table(
    ["名次", level, "综合得分", "综合指数", "评估得分", "加减分", "等级", "评估状态 / 未参评原因"],
    cells,
    {
      numeric: [0, 2, 3, 4, 5],
      widths: ["7%", "17%", "14%", "10%", "10%", "8%", "10%", "24%"],
    },
  );
}

/**
 * The chapter's HTML.
 *
 * Degenerate cases: a scheme without assessor items says the total is the index plus the
 * adjustment; a unit without children has no ranking table.
 */
export function assessmentChapter(
  a: ReportAssessmentPart,
  unitName: string,
  childLevelZh: string | null,
): string {
  const u = a.unit;
  const w = formatNumber(a.assessorWeight, 2);
  const formula =
    a.assessorWeight > 0
      ? `综合得分 = (1 − ${w}) × 综合指数 + ${w} × 评估得分 + 加减分，限定在 0–100 分；尚无评估得分或评估未签署时为暂定结果。`
      : "综合得分 = 综合指数 + 加减分，限定在 0–100 分。";
  const lead = paragraphs([
    u.total === null
      ? `${unitName}本季度未参评：${u.unrankedZh ?? "无综合指数"}。`
      : `${unitName}本季度综合得分 ${totalText(u)}，其中综合指数 ${formatScore(u.index)}、评估得分 ${formatScore(u.assessorScore)}、加减分 ${pointsText(u.adjustment)}；评估状态：${u.stateZh}。`,
    `${formula}加减分合计限定在 ±${formatNumber(a.adjustmentCap, 1)} 分之内。等级和排名按综合得分。`,
  ]);
  const summary = table(
    ["综合指数", "评估得分", "加减分", "综合得分", "等级", "评估状态"],
    [
      [
        formatScore(u.index),
        formatScore(u.assessorScore),
        pointsText(u.adjustment),
        totalText(u),
        { html: gradeChip(u.grade) },
        u.provisional ? `${u.stateZh}（结果${PROVISIONAL}）` : u.stateZh,
      ],
    ],
    { numeric: [0, 1, 2, 3] },
  );
  const items =
    a.items.length === 0
      ? ""
      : `<h3>评估打分</h3>${table(
          ["项目", "权重", "得分", "评语"],
          a.items.map((i): Cell[] => [
            `${i.code} ${i.name}`,
            formatNumber(i.weight, 0),
            formatScore(i.score),
            i.comment || NO_VALUE,
          ]),
          { numeric: [1, 2], widths: ["26%", "10%", "10%", "54%"] },
        )}`;
  const adjustments = `<h3>加减分及理由</h3>${table(
    ["单位", "项目", "类别", "分值", "理由"],
    a.adjustments.map((r): Cell[] => [
      r.unitName,
      `${r.code} ${r.name}`,
      r.kindZh,
      pointsText(r.points),
      r.reason,
    ]),
    { numeric: [3], widths: ["16%", "22%", "10%", "10%", "42%"] },
  )}`;
  const level = childLevelZh ?? "下级单位";
  const ranking =
    a.ranking.length === 0
      ? ""
      : `<h3>${esc(level)}综合得分排名</h3>${paragraphs([
          `按综合得分从高到低排名（并列者名次相同）；无综合得分的${level}列在最后，标为“未参评”并注明原因。`,
        ])}${rankingTable(a.ranking, level)}`;
  return lead + summary + items + adjustments + ranking;
}
