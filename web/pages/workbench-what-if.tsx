import { SERIES_COLOURS } from "../../shapes/theme.ts";
import { WorkbenchFrame } from "../components/workbench-frame.tsx";
import type { ScriptFiles } from "./dashboard-model.ts";
import type { WhatIfField, WhatIfRow, WhatIfView } from "./workbench-model.ts";

const num = (n: number) => String(Number(n.toPrecision(12)));

function Input(props: { f: WhatIfField; step: string; min?: string }) {
  const f = props.f;
  return (
    <input
      type="number"
      inputmode="decimal"
      name={f.name}
      id={`wi-${f.name}`}
      value={num(f.value)}
      step={props.step}
      min={props.min}
      aria-label={f.label}
      title={`方案值 ${num(f.base)}`}
      class={f.changed ? "changed" : undefined}
      data-base={num(f.base)}
    />
  );
}

function Form(props: { v: WhatIfView }) {
  const v = props.v;
  return (
    <form class="card" method="get" action={v.action} data-testid="what-if-form">
      <input type="hidden" name="period" value={v.period} />
      <h2>调整参数</h2>
      <p class="small muted">
        修改后点“重新计算”。蓝色框为已改动的值；方案值见输入框提示。不保存任何数据。
      </p>
      <div class="wb-method">
        <label class="wb-form">
          标准化方法
          <select name="norm" data-testid="what-if-norm">
            {v.normalisation.options.map((o) => (
              <option value={o.value} selected={o.value === v.normalisation.value}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
        <label class="wb-form">
          汇总方法
          <select name="agg" data-testid="what-if-agg">
            {v.aggregation.options.map((o) => (
              <option value={o.value} selected={o.value === v.aggregation.value}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      {v.groups.map((g) => (
        <fieldset class="wb-dim" data-dimension={g.dimension}>
          <legend>{g.label}</legend>
          <div class="wb-ind">
            <label class="nm" for={`wi-${g.weight.name}`}>
              维度权重
            </label>
            <Input f={g.weight} step="any" min="0" />
          </div>
          {g.indicators.map((i) => (
            <div class="wb-ind">
              <label class="nm" for={`wi-${i.weight.name}`}>
                {i.code} {i.name}
                <span class="small muted">（权重）</span>
              </label>
              <Input f={i.weight} step="any" min="0" />
              <details class="wb-goal-box">
                <summary class="small muted">
                  目标值 {num(i.target.value)} · 底线值 {num(i.floor.value)}
                  {i.unit ? `（${i.unit}）` : ""}
                </summary>
                <div class="wb-goals">
                  <label for={`wi-${i.target.name}`}>
                    目标值
                    <Input f={i.target} step="any" />
                  </label>
                  <label for={`wi-${i.floor.name}`}>
                    底线值
                    <Input f={i.floor} step="any" />
                  </label>
                </div>
              </details>
            </div>
          ))}
        </fieldset>
      ))}
      <div class="sticky-go">
        <button type="submit" class="btn primary big" data-testid="what-if-run">
          重新计算
        </button>
        <a class="btn big" href={`${v.action}?period=${v.period}`}>
          恢复方案值
        </a>
      </div>
    </form>
  );
}

const MOVE: Record<WhatIfRow["rankMove"], string> = { up: "↑", down: "↓", same: "", none: "" };

function ResultTable(props: { rows: WhatIfRow[] }) {
  return (
    <div class="scroll">
      <table class="wb-table" data-testid="what-if-table">
        <thead>
          <tr>
            <th>单位</th>
            <th class="num">基准指数</th>
            <th class="num">调整后</th>
            <th class="num">变化</th>
            <th class="num">排名</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <tr data-code={r.code}>
              <td>{r.name}</td>
              <td class="num" data-value={r.baseIndex ?? ""}>
                {r.baseIndexText}
              </td>
              <td class="num" data-value={r.index ?? ""} data-testid="what-if-index">
                {r.indexText}
              </td>
              <td class="num">{r.deltaText}</td>
              <td class="num" data-rank={r.rank ?? ""} data-base-rank={r.baseRank ?? ""}>
                {r.baseRank ?? "—"} → {r.rank ?? "—"}{" "}
                <span class={`mv-${r.rankMove}`}>{MOVE[r.rankMove]}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The workbench's what-if page: /dashboard/{code}/workbench/what-if. */
export function WorkbenchWhatIfPage(props: { view: WhatIfView; scripts: ScriptFiles }) {
  const v = props.view;
  return (
    <WorkbenchFrame
      view={v}
      scripts={props.scripts}
      title="情景模拟"
      path={v.action}
      data={{ kind: "what-if", ...v.chart }}
    >
      <div class="wb-grid">
        <section class="card" aria-labelledby="wi-res-h">
          <h2 id="wi-res-h">基准与调整后的综合指数</h2>
          <p class="small muted">{v.schemeText}</p>
          {v.problems.length > 0 ? (
            <ul class="wb-problems error" data-testid="what-if-problems">
              {v.problems.map((p) => (
                <li>{p}</li>
              ))}
            </ul>
          ) : null}
          {v.notes.map((n) => (
            <p class="small" data-testid="what-if-note">
              {n}
            </p>
          ))}
          <p class="small" data-testid="what-if-state" data-changed={v.changed ? "1" : "0"}>
            {v.changed ? "已按调整后的参数计算。" : "未调整参数：两组数值相同。"}
            {v.own ? ` 本单位指数 ${v.own.baseIndexText} → ${v.own.indexText}。` : ""}
          </p>
          <div
            class="wb-chart"
            id="chart-what-if"
            data-testid="what-if-chart"
            role="img"
            aria-label="各单位基准指数与调整后指数对比"
            style={`height:${Math.max(240, 60 + v.chart.names.length * 44)}px`}
          />
          <p class="wb-legend">
            <span>
              <i style={`background:${SERIES_COLOURS[1]}`} />
              基准（方案）
            </span>
            <span>
              <i style={`background:${SERIES_COLOURS[0]}`} />
              调整后
            </span>
          </p>
          <ResultTable rows={v.rows} />
        </section>
        <Form v={v} />
      </div>
    </WorkbenchFrame>
  );
}
