import { formatScore, formatWithUnit } from "../../shapes/format.ts";
import { rawValue } from "../components/dashboard-panels.tsx";
import { DashboardShell, PageHead } from "../components/dashboard-shell.tsx";
import { previousStatusText, runningText, UnitName } from "../components/dashboard-side.tsx";
import { SortableHead } from "../components/sortable-head.tsx";
import type { RedItemsView, ScriptFiles } from "./dashboard-model.ts";

/** Every red indicator of the subtree, most severe first, and the units newly red this quarter. */
export function RedItemsPage(props: { view: RedItemsView; scripts: ScriptFiles }) {
  const v = props.view;
  const path = `/dashboard/${encodeURIComponent(v.unit.code)}/red-items`;
  return (
    <DashboardShell
      title={`红色指标 · ${v.unit.name}`}
      nav={v.nav}
      scripts={[props.scripts.dashboard]}
    >
      <PageHead ctx={v} title={`红色指标 · ${v.unit.name} · ${v.periodLabel}`} path={path} />
      <section class="card" aria-labelledby="alerts-h">
        <h2 id="alerts-h">
          本季度新转红预警 <span class="muted small">（上季度非红色，本季度为红色）</span>
        </h2>
        {v.newlyRed.length === 0 ? (
          <p class="muted" data-testid="no-alerts">
            本季度没有新转红的指标。
          </p>
        ) : (
          <ul class="feed" data-testid="alert-feed">
            {v.newlyRed.map((i) => (
              <li>
                <span class="pill st-red">新转红</span> <UnitName item={i} self={v.unit.code} />{" "}
                {i.code} {i.name} 为 <strong>{formatWithUnit(i.code, i.value)}</strong>，目标{" "}
                {formatWithUnit(i.code, i.target)}；上季度 {previousStatusText(i)}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section class="card" aria-labelledby="red-h">
        <h2 id="red-h">
          全部红色指标 <span class="muted small">（{v.items.length} 项，按得分从低到高）</span>
        </h2>
        {v.items.length === 0 ? (
          <p class="muted">本季度没有红色指标。</p>
        ) : (
          <div class="tablewrap">
            <table class="matrix redtable" data-testid="red-table" data-sortable="true">
              <SortableHead
                columns={[
                  { label: "单位", type: "text" },
                  { label: "指标", type: "text" },
                  { label: "当前值", type: "number" },
                  { label: "目标", type: "number" },
                  { label: "得分", type: "number", sortedAscending: true },
                  { label: "持续季度", type: "number" },
                ]}
              />
              <tbody>
                {v.items.map((i) => (
                  <tr
                    data-testid="red-row"
                    data-unit={i.unitCode}
                    data-code={i.code}
                    data-score={String(i.score)}
                  >
                    <th scope="row" data-sort={`${i.parentName ?? ""}${i.unitName}`}>
                      <UnitName item={i} self={v.unit.code} />
                    </th>
                    <td data-sort={i.code}>
                      {i.code} {i.name}
                    </td>
                    <td class="st-red num" data-sort={rawValue(i.value)}>
                      {formatWithUnit(i.code, i.value)}
                    </td>
                    <td class="num" data-sort={String(i.target)}>
                      {formatWithUnit(i.code, i.target)}
                    </td>
                    <td class="num" data-sort={String(i.score)}>
                      {formatScore(i.score)}
                    </td>
                    <td data-sort={String(i.runningQuarters)} data-testid="running">
                      {runningText(i)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </DashboardShell>
  );
}
