import { raw } from "hono/html";
import { formatScore, periodShort } from "../../shapes/format.ts";
import { ChildTable, RankingCard } from "../components/dashboard-children.tsx";
import { RadarCard, SummaryCard, TrendCard } from "../components/dashboard-panels.tsx";
import { DashboardShell, PageHead } from "../components/dashboard-shell.tsx";
import { FreshnessPanel, RedPanel, SurveyPanel } from "../components/dashboard-side.tsx";
import { IndicatorGroups } from "../components/indicator-cards.tsx";
import { RectificationPanel } from "../components/rectification-panel.tsx";
import { ReportList } from "../components/report-list.tsx";
import { SamplePlanCard } from "../components/sample-progress.tsx";
import { TotalCard } from "../components/total-card.tsx";
import type { ScriptFiles } from "./dashboard-model.ts";
import type { ChartData, OverviewView } from "./overview-model.ts";

const scoreText = (v: number | null) => (v === null ? "无数据" : formatScore(v));

/** The chart inputs of an overview, children in rank order (unranked last). */
export function chartData(view: OverviewView): ChartData {
  // Ranked by the total when the scheme scores (total = index otherwise).
  const scored = view.total?.scored ?? false;
  const value = (r: OverviewView["children"][number]) => (scored ? r.total : r.index);
  const valueText = (r: OverviewView["children"][number]) =>
    `${scoreText(value(r))}${scored && r.provisional && r.total !== null ? " 暂定" : ""}`;
  const ranked = [...view.children].sort(
    (a, b) =>
      (a.rank ?? Number.POSITIVE_INFINITY) - (b.rank ?? Number.POSITIVE_INFINITY) ||
      a.code.localeCompare(b.code),
  );
  return {
    radar: {
      labels: view.dimensions.map((d) => d.label),
      current: view.dimensions.map((d) => d.score),
      previous: view.dimensions.map((d) => d.previous),
      currentName: `本季度（${periodShort(view.period)}）`,
      previousName: `上季度（${periodShort(view.summary.previousPeriod)}）`,
    },
    trend: {
      periods: view.trend.map((t) => periodShort(t.period)),
      index: view.trend.map((t) => t.index),
      indexText: view.trend.map((t) => scoreText(t.index)),
      selected: view.trend.findIndex((t) => t.period === view.period),
    },
    ranking: {
      seriesName: scored ? "综合得分" : "综合指数",
      names: ranked.map((r) => r.name),
      index: ranked.map(value),
      indexText: ranked.map(valueText),
      grades: ranked.map((r) => r.grade),
      hrefs: ranked.map((r) => r.href),
    },
  };
}

/** JSON safe inside a <script> element: `<` escaped so no `</script>` can close it. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028|\u2029/g, "");
}

/** The unit overview for one quarter: /dashboard/{code}?period=2026Q3. */
export function DashboardPage(props: { view: OverviewView; scripts: ScriptFiles }) {
  const v = props.view;
  const path = `/dashboard/${encodeURIComponent(v.unit.code)}`;
  const scored = v.total?.scored ?? false;
  return (
    <DashboardShell
      title={`${v.unit.name} ${v.periodLabel}`}
      nav={v.nav}
      scripts={[props.scripts.dashboard, v.charts ? props.scripts.charts : undefined]}
    >
      <PageHead ctx={v} title={`${v.unit.name} · ${v.periodLabel}`} path={path} />
      <div class="grid-top">
        <div class="stack">
          <SummaryCard
            summary={v.summary}
            dimensions={v.dimensions}
            childLevel={v.childLevelLabel}
            levelLabel={v.unit.levelLabel}
            scored={scored}
          />
          {v.total ? <TotalCard total={v.total} /> : null}
        </div>
        <RadarCard
          dimensions={v.dimensions}
          charts={v.charts}
          previousPeriod={v.summary.previousPeriod}
        />
        <TrendCard trend={v.trend} charts={v.charts} />
      </div>
      <IndicatorGroups indicators={v.indicators} dimensions={v.dimensions} />
      {v.childLevelLabel && v.children.length > 0 ? (
        <div class="grid-2">
          <RankingCard
            rows={v.children}
            levelLabel={v.childLevelLabel}
            charts={v.charts}
            scored={scored}
          />
          <ChildTable rows={v.children} levelLabel={v.childLevelLabel} scored={scored} />
        </div>
      ) : (
        <section class="card">
          <h2>下级单位</h2>
          <p class="muted" data-testid="no-children">
            {v.unit.grassroots ? `本${v.unit.levelLabel}未划分网格。` : "本单位没有下级单位。"}
          </p>
        </section>
      )}
      <div class="grid-3">
        <RedPanel red={v.red} self={v.unit.code} />
        <div class="stack">
          <SurveyPanel survey={v.survey} />
          {v.samplePlan ? <SamplePlanCard view={v.samplePlan} /> : null}
        </div>
        <FreshnessPanel freshness={v.freshness} />
      </div>
      {v.rectification ? <RectificationPanel panel={v.rectification} /> : null}
      {v.reports && <ReportList view={v.reports} />}
      {v.charts && (
        <script type="application/json" id="dashboard-data">
          {raw(scriptJson(chartData(v)))}
        </script>
      )}
    </DashboardShell>
  );
}
