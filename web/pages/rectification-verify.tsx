import { raw } from "hono/html";
import { APPEALS_CSS } from "../components/appeals-css.ts";
import { DashboardShell, PageHead } from "../components/dashboard-shell.tsx";
import { RECTIFICATION_CSS } from "../components/rectification-css.ts";
import { DecideForm } from "../components/rectification-forms.tsx";
import {
  EventList,
  EvidenceList,
  StateBadge,
  TaskFacts,
  TrendList,
} from "../components/rectification-parts.tsx";
import type { ScriptFiles } from "./dashboard-model.ts";
import type { VerifyQueueView } from "./rectification-model.ts";

/** 验收: the submitted tasks of the subtree the viewer may decide, each with its evidence. */
export function VerifyQueuePage(props: {
  view: VerifyQueueView;
  scripts: ScriptFiles;
  minDeadline: string;
}) {
  const v = props.view;
  const path = `/dashboard/${encodeURIComponent(v.unit.code)}/verify`;
  return (
    <DashboardShell
      title={`整改验收 · ${v.unit.name}`}
      nav={v.nav}
      scripts={[props.scripts.dashboard]}
    >
      <style>{raw(`${APPEALS_CSS}${RECTIFICATION_CSS}`)}</style>
      <PageHead ctx={v} title={`整改验收 · ${v.unit.name}`} path={path} allQuarters />
      <section class="card">
        <p data-testid="verify-summary">
          待验收 <strong>{v.tasks.length}</strong> 项
          {v.others > 0 ? `；另有本单位提交的 ${v.others} 项，由上级单位或评估方验收` : ""}。
          {v.ledgerHref ? (
            <>
              {" "}
              <a href={v.ledgerHref}>整改台账 ›</a>
            </>
          ) : null}
        </p>
      </section>
      {v.tasks.length === 0 ? (
        <p class="card muted" data-testid="no-verify">
          没有等待验收的整改任务。
        </p>
      ) : (
        v.tasks.map((t) => (
          <article class="card" data-testid="verify-task" data-id={String(t.id)}>
            <h2>
              <a href={t.href}>#{t.id}</a> {t.unitName} · {t.indicator} {t.indicatorName}{" "}
              <StateBadge state={t.state} label={t.stateLabel} />
            </h2>
            <TaskFacts t={t} />
            <h3>指标走势</h3>
            <TrendList t={t} />
            <h3>整改材料</h3>
            <EvidenceList t={t} />
            <h3>进展记录</h3>
            <EventList t={t} />
            <DecideForm t={t} minDeadline={props.minDeadline} />
          </article>
        ))
      )}
    </DashboardShell>
  );
}
