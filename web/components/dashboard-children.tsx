import {
  DIMENSION_DEFS,
  DIMENSIONS,
  INDICATOR_CODES,
  INDICATORS,
} from "../../metrics/catalogue.ts";
import { GRADE_THRESHOLDS } from "../../metrics/scheme.ts";
import { formatIndicator, formatScore, NO_VALUE } from "../../shapes/format.ts";
import { GRADE_LABELS, STATUS_LABELS } from "../../shapes/labels.ts";
import { GRADE_COLOURS } from "../../shapes/theme.ts";
import type { ChildRow } from "../pages/overview-model.ts";
import { ChartBox, rawValue } from "./dashboard-panels.tsx";
import { fractionTitle } from "./indicator-cards.tsx";
import { SortableHead } from "./sortable-head.tsx";

/** Height of the ranking chart: one bar row per child, within sensible bounds. */
export function rankingHeight(n: number): number {
  return Math.max(180, Math.min(26 * n + 50, 3400));
}

/** The value a ranking shows: the total (综合得分) when the scheme scores, else the index. */
export const rankedValue = (r: ChildRow, scored: boolean) => (scored ? r.total : r.index);

/**
 * The ranking of the children by total (综合得分; by index when the scheme has no assessor item
 * or adjustment, total = index), as a bar chart coloured by grade.
 */
export function RankingCard(props: {
  rows: ChildRow[];
  levelLabel: string;
  charts: boolean;
  scored: boolean;
}) {
  const by = props.scored ? "综合得分" : "综合指数";
  const ranked = [...props.rows].sort(
    (a, b) => (a.rank ?? Number.POSITIVE_INFINITY) - (b.rank ?? Number.POSITIVE_INFINITY),
  );
  const label = `下级${props.levelLabel}${by}排名：${ranked
    .map((r) =>
      props.scored && r.rank === null
        ? `未参评 ${r.name}（${r.unratedReason ?? ""}）`
        : `${r.rank ?? "未排名"} ${r.name} ${formatScore(rankedValue(r, props.scored))}${props.scored && r.provisional ? "（暂定）" : ""}`,
    )
    .join("；")}`;
  const unrated = props.scored ? ranked.filter((r) => r.rank === null) : [];
  return (
    <section class="card" aria-labelledby="rank-h">
      <h2 id="rank-h">
        下级{props.levelLabel}排名 <span class="muted small">（按{by}，颜色为等级，点击进入）</span>
      </h2>
      <div class="legend small" aria-hidden="true">
        {GRADE_THRESHOLDS.map((t) => (
          <span>
            <span class="dot" style={`background:${GRADE_COLOURS[t.grade].solid}`} />
            {t.labelZh}
            {Number.isFinite(t.min) ? ` ≥ ${t.min}` : ""}
          </span>
        ))}
      </div>
      {props.rows.some((r) => rankedValue(r, props.scored) !== null) ? (
        <ChartBox
          id="ranking"
          label={label}
          height={rankingHeight(props.rows.length)}
          on={props.charts}
        />
      ) : (
        <p class="muted" data-testid="no-ranking">
          下级{props.levelLabel}均无{by}（数据不全），暂无法排名；各项指标见右表。
        </p>
      )}
      {unrated.length > 0 ? (
        <ul class="small muted" data-testid="unrated-list" style="margin:6px 0 0;padding-left:18px">
          {unrated.map((r) => (
            <li data-code={r.code}>
              未参评：{r.name}（{r.unratedReason}）
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

/** The tap-and-hover text of a cell: numerator and denominator (and status). */
function cellFraction(name: string, cell: ChildRow["cells"][number], note: string): string {
  return `${fractionTitle(name, cell.numerator, cell.denominator)}（${note}）`;
}

/**
 * Children × dimensions, expandable to children × indicators: the unit column stays put while
 * the table scrolls, and four dimension scores fit 1440 px; a checkbox (no script needed) shows
 * the 17 indicator columns. A cell's numerator and denominator show on hover and, on a phone,
 * on tap (the cell takes focus and shows them below itself).
 */
export function ChildTable(props: { rows: ChildRow[]; levelLabel: string; scored: boolean }) {
  const scored = props.scored;
  return (
    <section class="card childcard" aria-labelledby="matrix-h">
      <h2 id="matrix-h">
        下级{props.levelLabel}{" "}
        <span class="muted small">（点击表头排序，点按或悬停数值查看分子/分母）</span>
      </h2>
      <input type="checkbox" id="show-indicators" class="toggle" data-testid="show-indicators" />
      <label for="show-indicators" class="small togglelabel">
        展开 17 项指标
      </label>
      <div class="tablewrap">
        <table class="matrix childtable" data-testid="child-table" data-sortable="true">
          <SortableHead
            columns={[
              { label: props.levelLabel, type: "text" },
              { label: "排名", type: "number", sortedAscending: true },
              // Scored: 综合得分, its grade, then the index beside them; else as before.
              { label: scored ? "综合得分" : "综合指数", type: "number" },
              { label: "等级", type: "text", title: scored ? "等级按综合得分" : undefined },
              ...(scored ? [{ label: "综合指数", type: "number" as const }] : []),
              ...DIMENSIONS.map((d) => ({
                label: DIMENSION_DEFS[d].nameZh,
                type: "number" as const,
              })),
              ...INDICATOR_CODES.map((code) => ({
                label: code,
                type: "number" as const,
                title: INDICATORS[code].nameZh,
                ariaLabel: `${code} ${INDICATORS[code].nameZh}`,
                cls: "indcol",
              })),
            ]}
          />
          <tbody>
            {props.rows.map((r) => (
              <tr
                data-testid="child-row"
                data-code={r.code}
                data-rank={rawValue(r.rank)}
                data-index={rawValue(r.index)}
                data-total={rawValue(r.total)}
                data-grade={r.grade ?? ""}
              >
                <th scope="row" data-sort={r.name}>
                  <a href={r.href} data-testid="child-link">
                    {r.name}
                  </a>
                  {!r.complete && (
                    <span class="flag" title={`缺少：${r.missingLabels.join("、")}`}>
                      数据不全
                    </span>
                  )}
                </th>
                {scored && r.rank === null ? (
                  <td data-sort="" data-testid="child-unrated" title={r.unratedReason ?? ""}>
                    未参评<span class="small muted">（{r.unratedReason}）</span>
                  </td>
                ) : (
                  <td data-sort={rawValue(r.rank)}>{r.rank ?? NO_VALUE}</td>
                )}
                {scored ? (
                  <td data-sort={rawValue(r.total)} data-testid="child-total">
                    {formatScore(r.total)}
                    {r.provisional && r.total !== null ? (
                      <span class="flag" title="评估尚未签署，结果可能变化">
                        暂定
                      </span>
                    ) : null}
                  </td>
                ) : (
                  <td data-sort={rawValue(r.index)}>{formatScore(r.index)}</td>
                )}
                <td
                  data-sort={r.grade ? ["fail", "pass", "good", "excellent"].indexOf(r.grade) : ""}
                  class={`gr-${r.grade ?? "none"}`}
                >
                  {r.grade ? GRADE_LABELS[r.grade] : "—"}
                </td>
                {scored ? <td data-sort={rawValue(r.index)}>{formatScore(r.index)}</td> : null}
                {r.dimensions.map((d) => (
                  <td data-sort={rawValue(d.score)} data-testid={`dim-${d.key}`}>
                    {formatScore(d.score)}
                  </td>
                ))}
                {r.cells.map((cell) => {
                  const def = INDICATORS[cell.code];
                  const small = cell.code === "G4" && r.insufficientSample && cell.value !== null;
                  const statusText = cell.status ? STATUS_LABELS[cell.status] : "无数据";
                  const frac = cellFraction(
                    def.nameZh,
                    cell,
                    `${statusText}${small ? "，样本不足" : ""}`,
                  );
                  return (
                    <td
                      class={`indcol st-${cell.status ?? "none"}`}
                      data-sort={rawValue(cell.value)}
                      data-dir={def.direction}
                      title={frac}
                      data-frac={frac}
                      tabindex={0}
                    >
                      {formatIndicator(cell.code, cell.value)}
                      {small ? <span class="small">（样本不足）</span> : null}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
