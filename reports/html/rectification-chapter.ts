/**
 * The 整改情况 chapter (issue 19) of both editions, from the report model's rectifications
 * (reports/assemble/rectification-chapter.ts). The leadership edition: the sentences, the overdue
 * tasks and a short table of every task (unit, indicator, value then and now, status, recovered);
 * the assessor edition adds deadlines, measures and the verifier's note. With no task, one
 * sentence and no table.
 */
import { NO_VALUE, periodLabel } from "../../shapes/format.ts";
import type {
  ReportRectificationRow,
  ReportRectifications,
} from "../assemble/rectification-chapter.ts";
import { type Cell, esc, paragraphs, table, value } from "./markup.ts";

function unitName(r: ReportRectificationRow): string {
  return r.parentName ? `${r.parentName} ${r.orgUnitName}` : r.orgUnitName;
}

function statusCell(r: ReportRectificationRow): Cell {
  const text = r.overdue ? `已逾期 ${r.daysOverdue} 天` : r.statusZh;
  return { text, cls: r.overdue ? "down" : r.status === "verified" ? "up" : "" };
}

function recoveredCell(r: ReportRectificationRow): Cell {
  if (r.recovered === null) return "暂无数据";
  return r.recovered ? { text: "已恢复", cls: "up" } : { text: "仍为红色", cls: "down" };
}

/** The chapter's inner HTML; `full` for the assessor edition. */
export function rectificationChapter(r: ReportRectifications, full: boolean): string {
  if (r.rows.length === 0) return paragraphs(r.sentences);
  const now = periodLabel(r.period);
  const summary = table(
    ["状态", "整改中", "待验收", "已销号", "其中逾期", "已恢复", "仍为红色"],
    [
      [
        "任务数",
        String(r.counts.open),
        String(r.counts.submitted),
        String(r.counts.verified),
        { text: String(r.counts.overdue), cls: r.counts.overdue > 0 ? "down" : "" },
        { text: String(r.counts.recovered), cls: "up" },
        String(r.counts.stillRed),
      ],
    ],
    { numeric: [1, 2, 3, 4, 5, 6] },
  );
  const rows = r.rows.map((x): Cell[] => {
    const base: Cell[] = [
      unitName(x),
      `${x.indicatorZh}${x.originZh === "督办" ? "（督办）" : ""}`,
      `${value(x.indicator, x.valueAtOpen, true)}（${periodLabel(x.period)}）`,
      value(x.indicator, x.valueNow, true),
      statusCell(x),
      recoveredCell(x),
    ];
    if (full) {
      base.splice(4, 0, `${x.deadline}${x.extended ? "（已延期）" : ""}`);
      base.push(x.measures || NO_VALUE, x.verdict || NO_VALUE);
    }
    return base;
  });
  const head = full
    ? [
        "单位",
        "指标",
        "下达时数值",
        `${now}数值`,
        "整改期限",
        "状态",
        "是否恢复",
        "整改措施",
        "验收意见",
      ]
    : ["单位", "指标", "下达时数值", `${now}数值`, "状态", "是否恢复"];
  const widths = full
    ? ["12%", "11%", "11%", "9%", "10%", "9%", "8%", "17%", "13%"]
    : ["22%", "20%", "18%", "14%", "14%", "12%"];
  const measures = full
    ? ""
    : r.rows
        .filter((x) => x.measures)
        .slice(0, 8)
        .map(
          (x, i) =>
            `<p class="item"><span class="no">${i + 1}.</span>${esc(unitName(x))}（${esc(x.indicatorZh)}）：${esc(x.measures)}</p>`,
        )
        .join("\n");
  return (
    paragraphs(r.sentences) +
    summary +
    `<h3>（一）整改任务清单</h3>` +
    table(head, rows, { numeric: [2, 3], widths }) +
    (measures ? `<h3>（二）主要整改措施</h3>${measures}` : "") +
    `<p class="note">整改任务由关账时的红色指标自动下达或由领导督办下达；“是否恢复”以${esc(now)}该指标的状态判断，不再为红色即为已恢复。逾期指超过整改期限仍未验收销号。</p>`
  );
}
