/**
 * What an export of a quarter says about its figures: whether the quarter is closed (the figures
 * are the official ones of its current closing) and how many of its cases arrived or changed
 * since, which raw data (cases, findings) includes and the official figures do not.
 */
import { formatInstant } from "../../shapes/format.ts";
import { formatPeriod, type Quarter } from "../../shapes/periods.ts";
import { type IndicatorEngine, quarterRange } from "../indicators/engine.ts";
import { type ClosingRow, lateCasesBySubtree, newestClosing } from "./queries.ts";
import { isClosed } from "./rules.ts";

export interface ClosedState {
  /** The quarter's current closing; null when it is open. */
  closing: ClosingRow | null;
  /** Cases of the unit's subtree and the quarter stored or changed since that closing. */
  lateCases: number;
}

/** The state of `q` for the unit `unitCode` (known to the caller: its scope was checked). */
export async function closedState(
  engine: IndicatorEngine,
  q: Quarter,
  unitCode: string,
): Promise<ClosedState> {
  const closing = (await newestClosing(engine.db, formatPeriod(q))) ?? null;
  if (!closing || !isClosed(closing)) return { closing: null, lateCases: 0 };
  const tree = await engine.tree(await engine.state([q.year]));
  const unit = tree.byCode.get(unitCode);
  if (!unit) return { closing, lateCases: 0 };
  const late = await lateCasesBySubtree(engine.db, quarterRange(q), closing.closedAt, [unit.id]);
  return { closing, lateCases: late.get(unit.id) ?? 0 };
}

/**
 * Label and text lines (Chinese) for an export's cover: the quarter's state and, when closed,
 * that the indicator figures are the official ones while raw data is live, with the late cases.
 */
export function closedStateLines(s: ClosedState): [string, string][] {
  if (!s.closing) return [["季度状态", "未关账：各项数字为实时数据，关账前仍会变化"]];
  const when = formatInstant(s.closing.closedAt.toISOString());
  return [
    [
      "季度状态",
      `已关账（正式数据第 ${s.closing.version} 版，${when} 关账）：指标、得分、指数与排名为关账时冻结的正式数据`,
    ],
    [
      "原始数据",
      s.lateCases > 0
        ? `数据质量等原始数据为实时数据：关账后新到或变更的工单 ${s.lateCases} 件，未计入正式数据`
        : "数据质量等原始数据为实时数据：关账后没有新到或变更的工单",
    ],
  ];
}
