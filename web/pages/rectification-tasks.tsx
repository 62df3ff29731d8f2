import { raw } from "hono/html";
import { APPEALS_CSS } from "../components/appeals-css.ts";
import { DashboardShell, PageHead } from "../components/dashboard-shell.tsx";
import { RECTIFICATION_CSS } from "../components/rectification-css.ts";
import { DecideForm, WorkForm } from "../components/rectification-forms.tsx";
import {
  AlertsBadge,
  EventList,
  EvidenceList,
  StateBadge,
  TaskCard,
  TaskFacts,
  TrendList,
} from "../components/rectification-parts.tsx";
import type { ScriptFiles } from "./dashboard-model.ts";
import type { TaskListView, TaskPageView } from "./rectification-model.ts";

const STYLES = `${APPEALS_CSS}${RECTIFICATION_CSS}`;

/** 整改任务: a unit's tasks (its own and its subtree's), unfinished first, as cards for a phone. */
export function TaskListPage(props: { view: TaskListView; scripts: ScriptFiles }) {
  const v = props.view;
  const path = `/dashboard/${encodeURIComponent(v.unit.code)}/tasks`;
  const unfinished = v.tasks.slice(0, v.unfinished);
  const done = v.tasks.slice(v.unfinished);
  return (
    <DashboardShell
      title={`整改任务 · ${v.unit.name}`}
      nav={v.nav}
      scripts={[props.scripts.dashboard]}
    >
      <style>{raw(STYLES)}</style>
      <PageHead
        ctx={v}
        title={`整改任务 · ${v.unit.name}`}
        path={path}
        badge={<AlertsBadge alerts={v.alerts} />}
        allQuarters
      />
      <section class="card" aria-labelledby="todo-h">
        <h2 id="todo-h">
          待办任务 <span class="muted small">（{unfinished.length} 项，逾期和期限近的在前）</span>
        </h2>
        {unfinished.length === 0 ? (
          <p class="muted" data-testid="no-tasks">
            目前没有需要整改的任务。
          </p>
        ) : (
          <ul class="tasklist" data-testid="task-list">
            {unfinished.map((t) => (
              <li>
                <TaskCard t={t} showUnit={t.unitCode !== v.unit.code} />
              </li>
            ))}
          </ul>
        )}
        <p class="small">
          {v.verifyHref ? <a href={v.verifyHref}>验收队列 ›</a> : null}{" "}
          {v.ledgerHref ? <a href={v.ledgerHref}>整改台账 ›</a> : null}
        </p>
      </section>
      {done.length > 0 ? (
        <section class="card" aria-labelledby="done-h">
          <h2 id="done-h">
            已销号 <span class="muted small">（{done.length} 项）</span>
          </h2>
          <ul class="tasklist">
            {done.map((t) => (
              <li>
                <TaskCard t={t} showUnit={t.unitCode !== v.unit.code} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </DashboardShell>
  );
}

/** One task: indicator, value at opening, trend, instruction, deadline, history and the forms. */
export function TaskPage(props: { view: TaskPageView; scripts: ScriptFiles }) {
  const v = props.view;
  const t = v.task;
  const path = `/dashboard/${encodeURIComponent(v.unit.code)}/tasks/${t.id}`;
  return (
    <DashboardShell title={`整改任务 #${t.id}`} nav={v.nav} scripts={[props.scripts.dashboard]}>
      <style>{raw(STYLES)}</style>
      <PageHead
        ctx={v}
        title={`整改任务 #${t.id} · ${t.indicatorName}`}
        path={path}
        badge={<AlertsBadge alerts={v.alerts} />}
        allQuarters
      />
      <p class="small">
        <a href={v.backHref}>‹ 返回任务列表</a>
      </p>
      <article class="card" data-testid="task" data-id={String(t.id)} data-state={t.state}>
        <h2>
          {t.unitName} · {t.indicator} {t.indicatorName}{" "}
          <StateBadge state={t.state} label={t.stateLabel} dueSoon={t.dueSoon} />
        </h2>
        <TaskFacts t={t} />
        <h3>指标走势</h3>
        <TrendList t={t} />
      </article>
      <section class="card" aria-labelledby="ev-h">
        <h2 id="ev-h">整改材料</h2>
        <EvidenceList t={t} />
        <h3>进展记录</h3>
        <EventList t={t} />
      </section>
      {t.canWork ? (
        <section class="card" aria-labelledby="work-h">
          <h2 id="work-h">报送整改进展</h2>
          <WorkForm t={t} maxFileMb={v.maxFileMb} />
        </section>
      ) : null}
      {t.canDecide || t.canExtend || t.notDecidable ? (
        <section class="card" aria-labelledby="decide-h">
          <h2 id="decide-h">验收</h2>
          <DecideForm t={t} minDeadline={v.minDeadline} />
        </section>
      ) : null}
    </DashboardShell>
  );
}
