/**
 * The survey and findings chapters both editions share (满意度调查, 问题发现与整改建议). Each
 * returns the chapter's inner HTML; every direct child of a chapter is one block the PDF paginator
 * keeps whole.
 */
import { formatNumber, formatScore, NO_VALUE } from "../../shapes/format.ts";
import type { QuarterlyReportModel } from "../assemble/quarterly-model.ts";
import { surveyChart } from "../charts/interval-charts.ts";
import { type Cell, esc, figure, paragraphs, statusChip, table } from "./markup.ts";

export function surveyChapter(m: QuarterlyReportModel, withIntervals: boolean): string {
  const rows = m.survey.rows.map((r): Cell[] => {
    const base: Cell[] = [r.name, String(r.n), formatScore(r.score)];
    const ci = (x: [number, number] | null) =>
      x ? `${formatNumber(x[0], 1)}–${formatNumber(x[1], 1)}` : NO_VALUE;
    if (withIntervals) base.push(ci(r.scoreCi));
    base.push(r.satisfactionRate === null ? NO_VALUE : `${formatNumber(r.satisfactionRate, 1)}%`);
    if (withIntervals) base.push(ci(r.satisfactionCi));
    base.push(r.insufficient ? { text: "样本不足", cls: "down" } : "");
    return base;
  });
  const head = withIntervals
    ? ["单位", "样本量", "满意度指数", "95% 区间", "满意率", "95% 区间（Wilson）", "说明"]
    : ["单位", "样本量", "满意度指数", "满意率", "说明"];
  const numeric = withIntervals ? [1, 2, 3, 4, 5] : [1, 2, 3];
  const widths = withIntervals
    ? ["22%", "9%", "12%", "15%", "10%", "18%", "14%"]
    : ["34%", "14%", "18%", "16%", "18%"];
  const hasScores = m.survey.rows.some((r) => r.score !== null);
  return (
    paragraphs(m.survey.sentences) +
    (hasScores
      ? figure(surveyChart(m.survey.rows), "图 9　满意度指数及其 95% 置信区间（括号内为样本量）")
      : "") +
    table(head, rows, { numeric, widths }) +
    `<p class="note">满意度指数为每份问卷已答五级题平均分换算的 0–100 分的均值，区间为均值 ± 1.96 × 标准差 ÷ √n；满意率为总体满意度选“满意”或“非常满意”的比例，区间为 Wilson 区间。样本量不足 30 份的结果仅供参考。</p>`
  );
}

export function findingsChapter(m: QuarterlyReportModel): string {
  const sev = { high: "高", medium: "中", low: "低" } as const;
  const colour = { high: "red", medium: "amber", low: null } as const;
  // One block per item, so that a long list breaks between items, never inside one.
  const findings =
    m.findings.length === 0
      ? paragraphs(["按规则检查，本季度未发现需要特别关注的问题。"])
      : m.findings
          .map(
            (f, i) =>
              `<p class="item"><span class="no">${i + 1}.</span>${severityChip(colour[f.severity], sev[f.severity])}${esc(f.text)}</p>`,
          )
          .join("\n");
  const recs = m.recommendations
    .map((r, i) => `<p class="item"><span class="no">${i + 1}.</span>${esc(r)}</p>`)
    .join("\n");
  return (
    `<h3>（一）主要问题</h3>${findings}<h3>（二）整改建议</h3>${recs}` +
    `<p class="note">以上问题按固定规则从本季度数据中生成：低于底线值的指标、红色指标、连续两个季度为红色的指标与单位、等级不合格或未形成综合指数的单位、综合指数环比下降 5 分以上、满意度样本不足 30 份以及数据质量检查结果。</p>`
  );
}

function severityChip(status: "red" | "amber" | null, text: string): string {
  return statusChip(status)
    .replace(/>[^<]*<\/span>$/, `>${text}</span>`)
    .replace('class="chip"', 'class="chip sev"');
}
