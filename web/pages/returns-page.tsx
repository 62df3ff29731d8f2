import { raw } from "hono/html";
import { DashboardShell, PageHead } from "../components/dashboard-shell.tsx";
import { SamplePlanCard } from "../components/sample-progress.tsx";
import type { ScriptFiles } from "./dashboard-model.ts";
import { RETURNS_CSS } from "./returns-css.ts";
import type { CommunityFormView, OutcomeView, ReturnsView } from "./returns-model.ts";
import { REVIEW_CSS, ReviewList, ReviewStatus } from "./returns-review.tsx";

/** 季度填报: the state of a unit's returns, the template and upload, and a community's form. */
export function ReturnsPage(props: { view: ReturnsView; scripts: ScriptFiles }) {
  const v = props.view;
  const path = `/dashboard/${encodeURIComponent(v.unit.code)}/returns`;
  const open = v.closedNote === null;
  return (
    <DashboardShell
      title={`季度填报 · ${v.unit.name}`}
      nav={v.nav}
      scripts={[props.scripts.dashboard]}
    >
      <style>{raw(RETURNS_CSS + REVIEW_CSS)}</style>
      <PageHead ctx={v} title={`季度填报 · ${v.unit.name} · ${v.periodLabel}`} path={path} />
      {v.outcome ? <Outcome outcome={v.outcome} /> : null}
      <section class="card" data-testid="returns-summary">
        <h2>填报情况</h2>
        <p class="ret-summary">
          <span>
            共 <strong>{v.counts.total}</strong> 个社区
          </span>
          <span data-testid="count-filed">
            已报送 <strong>{v.counts.filed}</strong>
            {v.counts.late > 0 ? `（其中迟报 ${v.counts.late}）` : ""}
          </span>
          <span data-testid="count-missing">
            未报送 <strong>{v.counts.missing}</strong>
          </span>
          <span data-testid="count-approved">
            已通过 <strong>{v.counts.approved}</strong>
          </span>
          <span data-testid="count-returned">
            已退回 <strong>{v.counts.returned}</strong>
          </span>
        </p>
        <p class={v.overdue ? "ret-due overdue" : "ret-due"} data-testid="returns-due">
          报送截止：{v.dueDay}（当日 24 时前）。
          {v.overdue && open ? "已过截止日，现在报送的社区将记为迟报。" : ""}
        </p>
        {v.closedNote ? (
          <p class="error" data-testid="returns-closed">
            {v.closedNote}
          </p>
        ) : null}
      </section>
      {v.community && !v.canFile ? (
        <section class="card" data-testid="community-status">
          <h2>
            {v.community.name}{" "}
            <span class={`pill ret-${v.community.state}`} data-testid="community-state">
              {v.community.stateLabel}
            </span>
            <ReviewStatus review={v.community.review} />
          </h2>
        </section>
      ) : null}
      {v.reviews ? <ReviewList reviews={v.reviews} /> : null}
      {v.community && v.canFile ? <CommunityForm c={v.community} open={open} /> : null}
      {v.canFile ? <ExcelCard v={v} open={open} /> : null}
      {v.rows.length > 0 && !v.community ? (
        <section class="card" data-testid="returns-units">
          <h2>各社区报送状态</h2>
          <div class="tablewrap">
            <table class="ret-table">
              <thead>
                <tr>
                  <th scope="col">社区</th>
                  <th scope="col">状态</th>
                  <th scope="col">报送人</th>
                  <th scope="col">报送时间</th>
                  <th scope="col">操作</th>
                </tr>
              </thead>
              <tbody>
                {v.rows.map((r) => (
                  <tr data-testid="return-row" data-code={r.code} data-state={r.state}>
                    <td>
                      <strong>{r.name}</strong> <span class="small muted">{r.code}</span>
                    </td>
                    <td data-label="状态">
                      <span class={`pill ret-${r.state}`}>{r.stateLabel}</span>
                      <ReviewStatus review={r.review} />
                    </td>
                    <td data-label="报送人">{r.filedBy ?? "—"}</td>
                    <td data-label="报送时间">{r.filedAt ?? "—"}</td>
                    <td class="acts">
                      <a href={r.href} data-testid="fill-online">
                        在线填报与历史
                      </a>
                      <a href={r.assistedHref}>代录问卷</a>
                      <a href={r.posterHref}>二维码海报</a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
      {v.rows.length === 0 ? (
        <p class="card muted">{v.unit.name}之下没有社区，不单独填报季度报表。</p>
      ) : null}
      <section class="card" data-testid="survey-links">
        <h2>满意度问卷</h2>
        <p class="ret-links">
          {v.assistedHref ? (
            <a class="btn big" href={v.assistedHref} data-testid="assisted-link">
              代录居民问卷
            </a>
          ) : null}
          <a class="btn big" href={v.postersHref} data-testid="posters-link">
            打印{v.community ? "本社区" : "各社区"}二维码海报
          </a>
        </p>
      </section>
      {v.samplePlan ? <SamplePlanCard view={v.samplePlan} /> : null}
    </DashboardShell>
  );
}

function Outcome(props: { outcome: OutcomeView }) {
  const o = props.outcome;
  return (
    <section
      class={o.ok ? "card ret-outcome" : "card ret-outcome err"}
      role={o.ok ? "status" : "alert"}
      data-testid="returns-outcome"
      data-ok={o.ok ? "1" : "0"}
    >
      <h2>{o.ok ? o.title : `未写入：${o.title}`}</h2>
      {o.errors.length > 0 ? (
        <ul data-testid="outcome-errors">
          {o.errors.map((e) => (
            <li>{e}</li>
          ))}
        </ul>
      ) : null}
      {o.stored.length > 0 ? (
        <div class="ret-stored" data-testid="outcome-stored">
          {o.stored.map((s) => (
            <div data-code={s.code}>
              <strong>{s.name}</strong> <span class="small muted">{s.code}</span>
              <dl>
                {s.figures.map((f) => (
                  <div>
                    <dt>{f.label}</dt>
                    <dd>{f.value}</dd>
                  </div>
                ))}
              </dl>
            </div>
          ))}
        </div>
      ) : null}
    </section>
  );
}

function CommunityForm(props: { c: CommunityFormView; open: boolean }) {
  const { c } = props;
  return (
    <>
      <section class="card" data-testid="returns-form-card">
        <h2>
          在线填报 · {c.name}{" "}
          <span class={`pill ret-${c.state}`} data-testid="community-state">
            {c.stateLabel}
          </span>
          <ReviewStatus review={c.review} />
        </h2>
        <p class="small muted">
          留空表示未填报。保存后以本表为准整体替换本季度的填报，每次改动都记入历史。
        </p>
        <form class="ret-form" method="post" action={c.action} data-testid="returns-form">
          <div class="fields">
            {c.fields.map((f) => (
              <div>
                <label for={`f-${f.name}`}>{f.label}</label>
                <input
                  id={`f-${f.name}`}
                  name={f.name}
                  type="text"
                  inputmode="decimal"
                  autocomplete="off"
                  value={f.value}
                  aria-invalid={f.error ? "true" : undefined}
                  aria-describedby={`h-${f.name}`}
                />
                {f.error ? <p class="fielderr">{f.error}</p> : null}
                <p class="help" id={`h-${f.name}`}>
                  {f.help}
                </p>
              </div>
            ))}
          </div>
          <div class="buttons">
            <button
              type="submit"
              class="btn primary big"
              disabled={!props.open}
              data-testid="form-submit"
            >
              保存填报
            </button>
          </div>
        </form>
      </section>
      <section class="card" data-testid="returns-history">
        <h2>填报历史</h2>
        {c.history.length === 0 ? (
          <p class="muted">本季度尚未填报。</p>
        ) : (
          <ol class="ret-history">
            {c.history.map((h) => (
              <li data-testid="history-entry">
                <strong>{h.at}</strong> {h.by} {h.created ? "首次报送" : "修改"}
                {h.changes.length > 0 ? (
                  <ul>
                    {h.changes.map((x) => (
                      <li>
                        {x.label}：{x.before} → {x.after}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ol>
        )}
      </section>
    </>
  );
}

/** 用 Excel 填报: the template and the upload (for those who file). */
function ExcelCard(props: { v: ReturnsView; open: boolean }) {
  const { v, open } = props;
  return (
    <section class="card" data-testid="returns-excel">
      <h2>用 Excel 填报</h2>
      <ol class="ret-steps">
        <li>
          <a class="btn big" href={v.templateHref} download data-testid="template-download">
            下载填报模板
          </a>
          <span class="small muted">
            {" "}
            {v.community ? "已预填本社区" : `已预填 ${v.counts.total} 个社区`}
            的代码、名称和已报数字。
          </span>
        </li>
        <li>在白色单元格中填写不小于 0 的数字，留空表示未填报；不要改动代码、名称和季度。</li>
        <li>
          <form
            class="ret-upload"
            method="post"
            action={v.uploadAction}
            enctype="multipart/form-data"
            data-testid="upload-form"
          >
            <label for="returns-file">选择填好的模板</label>
            <input
              id="returns-file"
              type="file"
              name="file"
              required
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            />
            <button
              type="submit"
              class="btn primary big"
              disabled={!open}
              data-testid="upload-submit"
            >
              上传并检查
            </button>
          </form>
          <p class="small muted">
            整个文件逐格检查：有任何错误都不会写入，并列出每个出错的单元格。
          </p>
        </li>
      </ol>
    </section>
  );
}
