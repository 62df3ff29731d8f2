import { raw } from "hono/html";
import { APPEALS_CSS } from "../components/appeals-css.ts";
import { DashboardShell, PageHead } from "../components/dashboard-shell.tsx";
import type { AppealFormView } from "./appeals-model.ts";
import type { ScriptFiles } from "./dashboard-model.ts";

/** Filing an appeal from an indicator's case list: pick cases, reason, note, evidence. */
export function AppealFormPage(props: { view: AppealFormView; scripts: ScriptFiles }) {
  const v = props.view;
  const path = `/dashboard/${encodeURIComponent(v.unit.code)}/appeals/new`;
  return (
    <DashboardShell
      title={`提出核减申请 · ${v.unit.name}`}
      nav={v.nav}
      scripts={[props.scripts.dashboard]}
    >
      <style>{raw(APPEALS_CSS)}</style>
      <PageHead ctx={v} title={`提出核减申请 · ${v.unit.name} · ${v.periodLabel}`} path={path} />
      <nav aria-label="按指标选择案件">
        <ul class="tabs" data-testid="indicator-tabs">
          {v.indicators.map((i) => (
            <li>
              <a href={i.href} aria-current={i.selected ? "page" : undefined}>
                {i.code} {i.name}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {!v.windowOpen ? (
        <p class="card status-msg err" data-testid="window-closed">
          本季度核减申请已于 {v.lastDay} 截止，不能再提出。
        </p>
      ) : null}
      <form
        class="card appeal-form"
        id="appeal-form"
        data-testid="appeal-form"
        data-unit={v.unit.code}
        data-period={v.period}
        data-queue={v.queueHref}
      >
        <fieldset>
          <legend>
            {v.indicator.code} {v.indicator.name} 的案件（{v.cases.length} 件
            {v.truncated ? "，仅显示前若干件" : ""}）
          </legend>
          <p class="small muted">
            {v.indicator.againstLabel ? `“${v.indicator.againstLabel}”的案件排在前面。` : ""}
            勾选申请核减的案件；已核减或正在审核的案件不能再选。截止日：{v.lastDay}。
          </p>
          {v.cases.length === 0 ? (
            <p class="muted">本季度该指标没有案件。</p>
          ) : (
            <ul class="caselist" data-testid="case-list">
              {v.cases.map((c) => (
                <li>
                  <label class={c.blocked ? "blocked" : undefined}>
                    <input
                      type="checkbox"
                      name="case"
                      value={c.key}
                      data-source={c.source}
                      data-external-id={c.externalId}
                      disabled={c.blocked !== null}
                    />
                    <span>
                      <strong>{c.externalId}</strong> {c.kindLabel} · {c.channelLabel}
                      {c.against ? <span class="pill st-red"> {c.against}</span> : null}
                      {c.blocked ? <span class="pill pending"> {c.blocked}</span> : null}
                    </span>
                    <span class="meta">
                      {c.unitName} · 受理 {c.reported} · 办结 {c.resolved} · 时限 {c.deadline}
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          )}
        </fieldset>
        <fieldset>
          <legend>理由与说明</legend>
          <label for="appeal-reason">核减理由</label>
          <select id="appeal-reason" name="reason" required>
            {v.reasons.map((r) => (
              <option value={r.value}>{r.label}</option>
            ))}
          </select>
          <label for="appeal-note">情况说明</label>
          <textarea id="appeal-note" name="note" rows={3} maxlength={2000} />
          <label for="appeal-files">
            证明材料（图片或 PDF，每个不超过 {v.maxFileMb} MB，可多选）
          </label>
          <input
            id="appeal-files"
            type="file"
            name="files"
            multiple
            accept="image/png,image/jpeg,image/webp,image/gif,application/pdf"
          />
        </fieldset>
        <div class="buttons">
          <button
            type="submit"
            class="btn primary big"
            disabled={!v.windowOpen}
            data-testid="appeal-submit"
          >
            提交核减申请
          </button>
          <a class="btn big" href={v.queueHref}>
            查看本季度申请
          </a>
        </div>
        <p class="status-msg" role="status" aria-live="polite" data-testid="appeal-status" />
      </form>
    </DashboardShell>
  );
}
