/** Pieces the rectification pages share: status badges, the unit's alert badge, cards, trend, history, evidence. */
import type {
  TaskAlertsView,
  TaskCardView,
  TaskDetailView,
  TaskStateKey,
} from "../pages/rectification-model.ts";

export function StateBadge(props: { state: TaskStateKey; label: string; dueSoon?: boolean }) {
  return (
    <>
      <span class={`pill st-${props.state}`} data-testid="task-state" data-state={props.state}>
        {props.label}
      </span>
      {props.dueSoon && props.state !== "overdue" && props.state !== "verified" ? (
        <span class="pill soon">即将到期</span>
      ) : null}
    </>
  );
}

/** The unit's due-soon and overdue counts, linking to its task list (a page-header badge). */
export function AlertsBadge(props: { alerts: TaskAlertsView }) {
  const a = props.alerts;
  return (
    <a
      class="alerts"
      href={a.href}
      data-testid="task-alerts"
      data-overdue={String(a.overdue)}
      data-due-soon={String(a.dueSoon)}
      aria-label={`整改任务：逾期 ${a.overdue} 项，即将到期 ${a.dueSoon} 项`}
    >
      <span class={`pill ${a.overdue > 0 ? "st-overdue" : "st-verified"}`}>逾期 {a.overdue}</span>
      <span class={`pill ${a.dueSoon > 0 ? "st-open" : "st-verified"}`}>即将到期 {a.dueSoon}</span>
    </a>
  );
}

export function TaskCard(props: { t: TaskCardView; showUnit: boolean }) {
  const t = props.t;
  return (
    <a
      class={`taskcard ${t.state}`}
      href={t.href}
      data-testid="task-card"
      data-id={String(t.id)}
      data-state={t.state}
    >
      <div class="top">
        <span class="ind">
          {t.indicator} {t.indicatorName}
          {t.manual ? <span class="flag">督办</span> : null}
        </span>
        <span class="badges">
          <StateBadge state={t.state} label={t.stateLabel} dueSoon={t.dueSoon} />
        </span>
      </div>
      {props.showUnit ? (
        <div>
          {t.parentName ? <span class="muted small">{t.parentName} › </span> : null}
          {t.unitName}
        </div>
      ) : null}
      <div class="meta">
        <span>下达时 {t.valueAtOpen}</span>
        <span>{t.periodLabel}</span>
        <span>期限 {t.deadline}</span>
      </div>
    </a>
  );
}

export function TrendList(props: { t: TaskDetailView }) {
  if (props.t.trend.length === 0) return <p class="muted small">尚无后续季度数据。</p>;
  return (
    <ul class="trend" data-testid="task-trend">
      {props.t.trend.map((p) => (
        <li>
          <span class="small muted">
            {p.periodLabel}
            {p.official ? "（正式）" : "（实时）"}
          </span>
          <span class="v">{p.value}</span>
          <span class={`pill st-${p.status}`}>{p.statusLabel}</span>
        </li>
      ))}
    </ul>
  );
}

export function EventList(props: { t: TaskDetailView }) {
  if (props.t.events.length === 0) return <p class="muted small">尚无进展记录。</p>;
  return (
    <ol class="events" data-testid="task-events">
      {props.t.events.map((e) => (
        <li>
          <strong>{e.label}</strong> {e.text}
          <div class="who">
            {e.by}，{e.at}
          </div>
        </li>
      ))}
    </ol>
  );
}

export function EvidenceList(props: { t: TaskDetailView }) {
  if (props.t.evidence.length === 0) return <p class="muted small">尚未上传整改材料。</p>;
  return (
    <ul class="evidence" data-testid="evidence">
      {props.t.evidence.map((f) => (
        <li>
          <a href={f.url} target="_blank" rel="noopener">
            {f.image ? <img src={f.url} alt={f.name} loading="lazy" /> : null}
            {f.name}（{f.typeLabel}，{f.size}）
          </a>
        </li>
      ))}
    </ul>
  );
}

/** The indicator, values, instruction and deadline of a task. */
export function TaskFacts(props: { t: TaskDetailView }) {
  const t = props.t;
  return (
    <dl class="facts">
      <dt>责任单位</dt>
      <dd>
        {t.parentName ? `${t.parentName} › ` : ""}
        {t.unitName}
      </dd>
      <dt>指标</dt>
      <dd>
        {t.indicator} {t.indicatorName}（目标 {t.target}）
      </dd>
      <dt>下达时数值</dt>
      <dd data-testid="value-at-open">
        {t.valueAtOpen}（{t.periodLabel}，{t.originLabel}）
      </dd>
      {t.instruction ? (
        <>
          <dt>批示</dt>
          <dd data-testid="instruction">{t.instruction}</dd>
        </>
      ) : null}
      <dt>整改期限</dt>
      <dd data-testid="deadline">{t.deadline}</dd>
      <dt>整改成效</dt>
      <dd>{t.recoveredLabel}</dd>
      <dt>整改措施</dt>
      <dd data-testid="measures">{t.measures || "（尚未填写）"}</dd>
    </dl>
  );
}
