import { raw } from "hono/html";
import { DashboardShell, PageHead } from "../components/dashboard-shell.tsx";
import { FilterSelect, IndicatorFilter, StreetFilter } from "../components/filter-select.tsx";
import { RECTIFICATION_CSS } from "../components/rectification-css.ts";
import { StateBadge } from "../components/rectification-parts.tsx";
import type { ScriptFiles } from "./dashboard-model.ts";
import type { LedgerView } from "./rectification-model.ts";

/** 整改台账: every task of the subtree, filterable by status, street and indicator, paged. */
export function LedgerPage(props: { view: LedgerView; scripts: ScriptFiles }) {
  const v = props.view;
  const path = `/dashboard/${encodeURIComponent(v.unit.code)}/rectifications`;
  const f = v.filter;
  return (
    <DashboardShell
      title={`整改台账 · ${v.unit.name}`}
      nav={v.nav}
      scripts={[props.scripts.dashboard]}
    >
      <style>{raw(RECTIFICATION_CSS)}</style>
      <PageHead ctx={v} title={`整改台账 · ${v.unit.name}`} path={path} />
      <section class="card" aria-label="概况">
        <div class="counts" data-testid="ledger-counts">
          {v.statuses.map((s) => (
            <span
              class={`pill ${v.counts[s.value] > 0 ? `st-${s.value}` : "zero"}`}
              data-state={s.value}
            >
              {s.label} {v.counts[s.value]}
            </span>
          ))}
        </div>
      </section>
      <form class="card filters" method="get" action={path} data-testid="ledger-filter">
        <input type="hidden" name="period" value={v.period} />
        <FilterSelect
          label="状态"
          name="status"
          testId="status"
          all="全部状态"
          options={v.statuses}
          selected={f.status}
        />
        <StreetFilter streets={v.streets} selected={f.street} />
        <IndicatorFilter indicators={v.indicators} selected={f.indicator} />
        <button type="submit" data-testid="filter-go">
          筛选
        </button>{" "}
        <a href={`${path}?period=${v.period}`} class="small">
          清除筛选
        </a>
      </form>
      <section class="card" aria-labelledby="ledger-h">
        <h2 id="ledger-h">
          整改任务{" "}
          <span class="muted small" data-testid="ledger-matched" data-value={String(v.matched)}>
            （
            {v.matched === v.total
              ? `共 ${v.total} 项`
              : `共 ${v.total} 项，筛选后 ${v.matched} 项`}
            {v.pages > 1 ? `，第 ${v.filter.page}/${v.pages} 页` : ""}）
          </span>
        </h2>
        <p class="exports small">
          导出筛选结果：
          <a href={v.csvHref} data-testid="ledger-csv" download>
            CSV
          </a>{" "}
          ·{" "}
          <a href={v.xlsxHref} data-testid="ledger-xlsx" download>
            Excel 工作簿
          </a>
        </p>
        {v.rows.length === 0 ? (
          <p class="muted">{v.total === 0 ? "尚无整改任务。" : "没有符合筛选条件的整改任务。"}</p>
        ) : (
          <div class="tablewrap">
            <table class="matrix ledger" data-testid="ledger-table">
              <thead>
                <tr>
                  <th scope="col">单位</th>
                  <th scope="col">指标</th>
                  <th scope="col">下达季度</th>
                  <th scope="col">下达时数值</th>
                  <th scope="col">状态</th>
                  <th scope="col">期限</th>
                  <th scope="col">整改成效</th>
                </tr>
              </thead>
              <tbody>
                {v.rows.map((t) => (
                  <tr data-testid="ledger-row" data-id={String(t.id)} data-state={t.state}>
                    <th scope="row">
                      <a href={t.href}>
                        {t.parentName ? <span class="muted">{t.parentName} › </span> : null}
                        {t.unitName}
                      </a>
                    </th>
                    <td data-label="指标">
                      {t.indicator} {t.indicatorName}
                      {t.manual ? <span class="flag">督办</span> : null}
                    </td>
                    <td data-label="下达季度">{t.periodLabel}</td>
                    <td data-label="下达时数值">{t.valueAtOpen}</td>
                    <td data-label="状态">
                      <StateBadge state={t.state} label={t.stateLabel} dueSoon={t.dueSoon} />
                    </td>
                    <td data-label="期限">{t.deadline}</td>
                    <td data-label="整改成效">{t.recoveredLabel}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {v.pages > 1 ? (
          <nav class="pager" aria-label="分页" data-testid="ledger-pager">
            {v.prevHref ? <a href={v.prevHref}>‹ 上一页</a> : null}
            <span class="small muted">
              第 {v.filter.page} / {v.pages} 页
            </span>
            {v.nextHref ? <a href={v.nextHref}>下一页 ›</a> : null}
          </nav>
        ) : null}
      </section>
    </DashboardShell>
  );
}
