import { raw } from "hono/html";
import { DashboardShell, PageHead } from "../components/dashboard-shell.tsx";
import { SURVEY_FLAGS_CSS } from "../components/survey-flags-css.ts";
import type { ScriptFiles } from "./dashboard-model.ts";
import type { FlagGroupView, FlagRowView, SurveyFlagsView } from "./survey-flags-model.ts";

/**
 * 问卷核查: the quarter's flagged survey responses of a unit's subtree by signal, the counts by
 * decision, and a plain form: tick responses, then 确认剔除 (excluded from G4) or 驳回 (count again).
 */
export function SurveyFlagsPage(props: { view: SurveyFlagsView; scripts: ScriptFiles }) {
  const v = props.view;
  const path = `/dashboard/${encodeURIComponent(v.unit.code)}/survey-flags`;
  const any = v.groups.some((g) => g.rows.length > 0);
  return (
    <DashboardShell
      title={`问卷核查 · ${v.unit.name}`}
      nav={v.nav}
      scripts={[props.scripts.dashboard]}
    >
      <style>{raw(SURVEY_FLAGS_CSS)}</style>
      <PageHead ctx={v} title={`问卷核查 · ${v.unit.name} · ${v.periodLabel}`} path={path} />
      {v.outcome ? (
        <section
          class={v.outcome.ok ? "card sf-outcome" : "card sf-outcome err"}
          role={v.outcome.ok ? "status" : "alert"}
          data-testid="flags-outcome"
          data-ok={v.outcome.ok ? "1" : "0"}
        >
          <p>{v.outcome.message}</p>
        </section>
      ) : null}
      <section class="card" aria-labelledby="sf-h" data-testid="flag-counts">
        <h2 id="sf-h">疑似刷票问卷（{v.counts.flagged} 份）</h2>
        <p class="sf-counts">
          <span data-testid="count-open" data-n={String(v.counts.open)}>
            待核实 <strong>{v.counts.open}</strong>
          </span>
          <span data-testid="count-confirmed" data-n={String(v.counts.confirmed)}>
            已确认剔除 <strong>{v.counts.confirmed}</strong>
          </span>
          <span data-testid="count-dismissed" data-n={String(v.counts.dismissed)}>
            已驳回 <strong>{v.counts.dismissed}</strong>
          </span>
        </p>
        <p class="small muted">
          被标记的问卷仍然保存并计入满意度，只有经评估人员确认剔除后才不计入
          G4；驳回后照常计入。已作出的决定可以更改。
        </p>
        {v.truncatedNote ? <p class="small">{v.truncatedNote}</p> : null}
      </section>
      {any ? (
        <form method="post" action={v.action} data-testid="flags-form">
          {v.groups.map((g) => (
            <Group group={g} />
          ))}
          <div class="sf-bar">
            <span class="small muted">对勾选的问卷：</span>
            <button
              type="submit"
              name="decision"
              value="confirmed"
              class="sf-confirm"
              data-testid="flags-confirm"
            >
              确认剔除
            </button>
            <button
              type="submit"
              name="decision"
              value="dismissed"
              class="sf-dismiss"
              data-testid="flags-dismiss"
            >
              驳回
            </button>
          </div>
        </form>
      ) : (
        <p class="card muted" data-testid="flags-none">
          本季度{v.unit.name}没有被标记的问卷。
        </p>
      )}
    </DashboardShell>
  );
}

function Group(props: { group: FlagGroupView }) {
  const g = props.group;
  return (
    <section
      class="card sf-group"
      aria-labelledby={`sf-${g.kind}`}
      data-testid="flag-group"
      data-kind={g.kind}
      data-n={String(g.rows.length)}
    >
      <h2 id={`sf-${g.kind}`}>
        {g.label}（{g.rows.length} 份）
      </h2>
      <p class="sf-rule small muted">{g.rule}</p>
      {g.rows.length === 0 ? (
        <p class="muted small">本季度没有此类标记。</p>
      ) : (
        <ul class="sf-list">
          {g.rows.map((r) => (
            <li>
              <Row row={r} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Row(props: { row: FlagRowView }) {
  const r = props.row;
  return (
    <label class="sf-row" data-testid="flag-row" data-id={r.id} data-status={r.status}>
      <input type="checkbox" name="id" value={r.id} aria-label={`选择 ${r.unitName} ${r.time}`} />
      <span class="sf-head">
        <strong>
          {r.place ? <span class="small muted">{r.place} › </span> : null}
          {r.unitName}
        </strong>
        <span class={`pill sf-${r.status}`}>{r.statusLabel}</span>
      </span>
      <span class="sf-meta">
        <span>{r.time}</span>
        <span>{r.source}</span>
        {r.decided ? <span>{r.decided}</span> : null}
        {r.alsoKinds.length > 0 ? <span>另有：{r.alsoKinds.join("、")}</span> : null}
      </span>
      <span class="sf-ans">{r.answers}</span>
    </label>
  );
}
