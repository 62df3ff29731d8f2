import { SERIES_COLOURS } from "../../shapes/theme.ts";
import { WorkbenchFrame } from "../components/workbench-frame.tsx";
import type { ScriptFiles } from "./dashboard-model.ts";
import type { SensitivityView } from "./workbench-model.ts";

const rankText = (n: number | null) => (n === null ? "—" : String(n));

/** The workbench's rank-sensitivity page: /dashboard/{code}/workbench/sensitivity. */
export function WorkbenchSensitivityPage(props: { view: SensitivityView; scripts: ScriptFiles }) {
  const v = props.view;
  return (
    <WorkbenchFrame
      view={v}
      scripts={props.scripts}
      title="排名敏感性"
      path={`/dashboard/${encodeURIComponent(v.unit.code)}/workbench/sensitivity`}
      data={{ kind: "sensitivity", ...v.chart }}
    >
      <section class="card" aria-labelledby="sens-h">
        <h2 id="sens-h">下级单位排名的稳定程度</h2>
        <p class="small muted" data-testid="sensitivity-method">
          每个指标和维度的权重在方案值的 {v.spreadText} 内随机变动，共抽样 {v.draws} 次（种子{" "}
          {v.seed}
          ），统计各单位排名的中位数和 5%–95% 区间。区间越窄，排名越不受权重取舍的影响。
          {v.schemeText}
        </p>
        {v.rows.length === 0 ? (
          <p class="muted" data-testid="sensitivity-empty">
            本单位没有下级单位，无排名可分析。
          </p>
        ) : (
          <>
            <div
              class="wb-chart"
              id="chart-sensitivity"
              data-testid="sensitivity-chart"
              role="img"
              aria-label="各单位排名的 5%–95% 区间、中位数和实际排名"
              style={`height:${Math.max(220, 60 + v.rows.length * 36)}px`}
            />
            <p class="wb-legend">
              <span>
                <i style={`background:${SERIES_COLOURS[0]};opacity:.35`} />
                5%–95% 排名区间
              </span>
              <span>
                <i style={`background:${SERIES_COLOURS[2]}`} />
                实际排名
              </span>
              <span>
                <i style={`background:${SERIES_COLOURS[0]}`} />
                排名中位数
              </span>
            </p>
            <div class="scroll">
              <table class="wb-table" data-testid="sensitivity-table">
                <thead>
                  <tr>
                    <th>单位</th>
                    <th class="num">综合指数</th>
                    <th class="num">排名</th>
                    <th class="num">中位数</th>
                    <th class="num">5%–95%</th>
                    <th>稳定性</th>
                  </tr>
                </thead>
                <tbody>
                  {v.rows.map((r) => (
                    <tr data-code={r.code}>
                      <td>{r.name}</td>
                      <td class="num">{r.indexText}</td>
                      <td class="num" data-value={r.rank ?? ""}>
                        {rankText(r.rank)}
                      </td>
                      <td class="num" data-value={r.medianRank ?? ""}>
                        {rankText(r.medianRank)}
                      </td>
                      <td class="num" data-p5={r.p5Rank ?? ""} data-p95={r.p95Rank ?? ""}>
                        {r.p5Rank === null || r.p95Rank === null ? "—" : `${r.p5Rank}–${r.p95Rank}`}
                      </td>
                      <td>
                        <span class={`pill stab-${r.stability}`}>{r.stabilityLabel}</span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>
    </WorkbenchFrame>
  );
}
