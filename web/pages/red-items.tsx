import { formatScore, formatWithUnit } from "../../shapes/format.ts";
import { rawValue } from "../components/dashboard-panels.tsx";
import { DashboardShell, PageHead } from "../components/dashboard-shell.tsx";
import { previousStatusText, runningText, UnitName } from "../components/dashboard-side.tsx";
import {
  type FilterOption,
  FilterSelect,
  IndicatorFilter,
  StreetFilter,
} from "../components/filter-select.tsx";
import { SortableHead } from "../components/sortable-head.tsx";
import type { ScriptFiles } from "./dashboard-model.ts";
import type { RedItemsView, RedItemView } from "./red-items-model.ts";

const TASK_FILTERS: readonly FilterOption[] = [
  { value: "overdue", label: "已逾期" },
  { value: "open", label: "整改中" },
  { value: "submitted", label: "待验收" },
  { value: "verified", label: "已销号" },
  { value: "none", label: "无整改任务" },
];

/** The item's task: status, owner unit, deadline and days overdue (issue 19). */
function RedTaskCell(props: { item: RedItemView }) {
  const t = props.item.task;
  if (!t) {
    return (
      <td class="taskcell" data-sort="" data-testid="red-task" data-state="none">
        <span class="muted">无</span>
      </td>
    );
  }
  return (
    <td class="taskcell" data-sort={t.state} data-testid="red-task" data-state={t.state}>
      <a href={t.href} class={`pill st-${t.state}`}>
        {t.stateLabel}
        {t.daysOverdue > 0 ? ` ${t.daysOverdue} 天` : ""}
      </a>{" "}
      <span class="small">
        {t.ownerName} · 期限 {t.deadline}
      </span>
    </td>
  );
}

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
          本季度新转红预警{" "}
          <span class="small muted">
            （上季度非红色，本季度为红色，共 {v.newlyRedCount} 项
            {v.newlyRedCount > v.newlyRed.length ? `，下列最严重的 ${v.newlyRed.length} 项` : ""}）
          </span>
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
        {v.newlyRedCount > v.newlyRed.length ? (
          <p style="margin:8px 0 0">
            <a href={v.newlyRedHref} data-testid="newly-all">
              查看全部 {v.newlyRedCount} 项新转红 ›
            </a>
          </p>
        ) : null}
      </section>
      <RedFilterForm view={v} path={path} />
      <section class="card" aria-labelledby="red-h">
        <h2 id="red-h">
          红色指标{" "}
          <span class="muted small" data-testid="red-matched" data-value={String(v.matched)}>
            （
            {v.matched === v.total
              ? `共 ${v.total} 项`
              : `共 ${v.total} 项，筛选后 ${v.matched} 项`}
            ，按得分从低到高{v.pages > 1 ? `，第 ${v.filter.page}/${v.pages} 页` : ""}）
          </span>
        </h2>
        <p class="exports small">
          导出筛选结果（全部 {v.matched} 项）：
          <a href={v.csvHref} data-testid="red-csv" download>
            CSV
          </a>{" "}
          ·{" "}
          <a href={v.xlsxHref} data-testid="red-xlsx" download>
            Excel 工作簿
          </a>
        </p>
        {v.items.length === 0 ? (
          <p class="muted">
            {v.total === 0 ? "本季度没有红色指标。" : "没有符合筛选条件的红色指标。"}
          </p>
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
                  ...(v.tasksShown ? [{ label: "整改任务", type: "text" as const }] : []),
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
                    <th scope="row" data-sort={`${i.place ?? ""}${i.unitName}`}>
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
                    {v.tasksShown ? <RedTaskCell item={i} /> : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {v.pages > 1 ? (
          <nav class="pager" aria-label="分页" data-testid="red-pager">
            {v.prevHref ? (
              <a href={v.prevHref} data-testid="red-prev">
                ‹ 上一页
              </a>
            ) : null}
            <span class="small muted">
              第 {v.filter.page} / {v.pages} 页
            </span>
            {v.nextHref ? (
              <a href={v.nextHref} data-testid="red-next">
                下一页 ›
              </a>
            ) : null}
          </nav>
        ) : null}
      </section>
    </DashboardShell>
  );
}

/** The filters: street, indicator, newly red, quarters red in a row (a GET form). */
function RedFilterForm(props: { view: RedItemsView; path: string }) {
  const v = props.view;
  const f = v.filter;
  return (
    <form class="card filters" method="get" action={props.path} data-testid="red-filter">
      <input type="hidden" name="period" value={v.period} />
      <StreetFilter streets={v.streets} selected={f.street} />
      <IndicatorFilter indicators={v.indicators} selected={f.indicator} />
      <FilterSelect
        label="持续"
        name="minQuarters"
        testId="quarters"
        all="不限"
        options={[2, 3, 4].map((n) => ({ value: String(n), label: `连续 ${n} 个季度及以上` }))}
        selected={f.minQuarters === null ? null : String(f.minQuarters)}
      />
      {v.tasksShown ? (
        <FilterSelect
          label="整改"
          name="task"
          testId="task"
          all="全部"
          options={TASK_FILTERS}
          selected={f.task}
        />
      ) : null}
      <label>
        <input
          type="checkbox"
          name="newly"
          value="1"
          checked={f.newly}
          data-testid="filter-newly"
        />{" "}
        仅本季度新转红
      </label>
      <button type="submit" data-testid="filter-go">
        筛选
      </button>{" "}
      <a href={`${props.path}?period=${v.period}`} class="small">
        清除筛选
      </a>
    </form>
  );
}
