import { raw } from "hono/html";
import { APPEALS_CSS } from "../components/appeals-css.ts";
import { DashboardShell, PageHead } from "../components/dashboard-shell.tsx";
import type { AppealCaseView, AppealQueueView, AppealView } from "./appeals-model.ts";
import type { ScriptFiles } from "./dashboard-model.ts";

/** The reviewer's queue of appeals (核减申请): pending first, with cases, evidence and effect. */
export function AppealQueuePage(props: { view: AppealQueueView; scripts: ScriptFiles }) {
  const v = props.view;
  const path = `/dashboard/${encodeURIComponent(v.unit.code)}/appeals`;
  return (
    <DashboardShell
      title={`核减申请 · ${v.unit.name}`}
      nav={v.nav}
      scripts={[props.scripts.dashboard]}
    >
      <style>{raw(APPEALS_CSS)}</style>
      <PageHead ctx={v} title={`核减申请 · ${v.unit.name} · ${v.periodLabel}`} path={path} />
      <section class="card" aria-labelledby="summary-h">
        <h2 id="summary-h">审核队列</h2>
        <p data-testid="queue-summary">
          共 {v.appeals.length} 份申请，其中待审核 <strong>{v.pending}</strong>{" "}
          份。本季度核减申请截止日：
          {v.lastDay}
          {v.windowOpen ? "" : "（已截止）"}。
        </p>
        {v.newHref && v.windowOpen ? (
          <p>
            <a class="btn primary big" href={v.newHref} data-testid="new-appeal">
              提出核减申请
            </a>
          </p>
        ) : null}
      </section>
      {v.appeals.length === 0 ? (
        <p class="muted card">本季度没有核减申请。</p>
      ) : (
        v.appeals.map((a) => <AppealCard a={a} />)
      )}
    </DashboardShell>
  );
}

function CaseTable(props: { cases: AppealCaseView[] }) {
  return (
    <div class="tablewrap">
      <table class="matrix" data-testid="appeal-cases">
        <thead>
          <tr>
            <th scope="col">案件</th>
            <th scope="col">单位</th>
            <th scope="col">类型</th>
            <th scope="col">渠道</th>
            <th scope="col">受理</th>
            <th scope="col">响应</th>
            <th scope="col">办结</th>
            <th scope="col">时限</th>
          </tr>
        </thead>
        <tbody>
          {props.cases.map((c) => (
            <tr data-case={c.key}>
              <th scope="row">
                {c.externalId}
                {c.exempt ? <span class="pill approved"> 已核减</span> : null}
              </th>
              <td>{c.unitName}</td>
              <td>{c.kindLabel}</td>
              <td>{c.channelLabel}</td>
              <td>{c.reported}</td>
              <td>{c.responded}</td>
              <td>{c.resolved}</td>
              <td>{c.deadline}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function AppealCard(props: { a: AppealView }) {
  const a = props.a;
  return (
    <article
      class={`card appeal ${a.status}`}
      data-testid="appeal"
      data-id={String(a.id)}
      data-status={a.status}
      aria-labelledby={`appeal-${a.id}`}
    >
      <div class="appeal-head">
        <h2 id={`appeal-${a.id}`}>
          #{a.id} {a.unitName}
        </h2>
        <span class={`pill ${a.status}`} data-testid="appeal-status">
          {a.statusLabel}
        </span>
        <span class="muted small">
          {a.cases.length} 件 · {a.reasonLabel}
        </span>
      </div>
      <dl>
        <dt>理由</dt>
        <dd>{a.reasonLabel}</dd>
        <dt>说明</dt>
        <dd>{a.note || "（无）"}</dd>
        <dt>申请人</dt>
        <dd>
          {a.filedBy}，{a.filedAt}
        </dd>
        {a.decision ? (
          <>
            <dt>审核</dt>
            <dd data-testid="appeal-decision">
              {a.decision.by}，{a.decision.at}
              {a.decision.note ? `：${a.decision.note}` : ""}
            </dd>
          </>
        ) : null}
      </dl>
      <h3>涉及案件</h3>
      <CaseTable cases={a.cases} />
      <h3>证明材料</h3>
      {a.attachments.length === 0 ? (
        <p class="muted small">未附材料。</p>
      ) : (
        <ul class="evidence" data-testid="evidence">
          {a.attachments.map((f) => (
            <li>
              <a href={f.url} target="_blank" rel="noopener">
                {f.image ? <img src={f.url} alt={f.name} loading="lazy" /> : null}
                {f.name}（{f.typeLabel}，{f.size}）
              </a>
            </li>
          ))}
        </ul>
      )}
      {a.effect.length > 0 ? (
        <>
          <h3>同意后对指标的影响</h3>
          {a.effect.map((e) => (
            <div class="tablewrap">
              <table class="matrix effect" data-testid="appeal-effect" data-unit={e.unitName}>
                <caption class="small muted">{e.unitName}</caption>
                <thead>
                  <tr>
                    <th scope="col">指标</th>
                    <th scope="col">当前</th>
                    <th scope="col">核减后</th>
                  </tr>
                </thead>
                <tbody>
                  {e.rows.map((r) => (
                    <tr data-code={r.code}>
                      <th scope="row">
                        {r.code} {r.name}
                      </th>
                      <td class="before">{r.before}</td>
                      <td class="after">{r.after}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))}
        </>
      ) : null}
      {a.decidable ? (
        <form class="decide" data-testid="decide-form" data-appeal={String(a.id)}>
          <label for={`note-${a.id}`}>审核意见</label>
          <textarea id={`note-${a.id}`} name="note" rows={2} maxlength={2000} />
          <div class="buttons">
            <button type="submit" class="btn primary big" value="approved" data-decision="approved">
              同意核减
            </button>
            <button type="submit" class="btn danger big" value="rejected" data-decision="rejected">
              不予核减
            </button>
          </div>
          <p class="status-msg" role="status" aria-live="polite" data-testid="decide-status" />
        </form>
      ) : a.notDecidable ? (
        <p class="muted small">{a.notDecidable}</p>
      ) : null}
    </article>
  );
}
