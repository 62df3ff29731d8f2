import { WorkbenchFrame } from "../components/workbench-frame.tsx";
import type { ScriptFiles } from "./dashboard-model.ts";
import type { ExportJobView, WorkbenchView } from "./workbench-model.ts";

const BLANK_JOB: ExportJobView = {
  id: "",
  label: "",
  status: "running",
  statusLabel: "导出中",
  progress: 0,
  statusUrl: "",
  startedText: "",
  fileName: null,
  rowsText: null,
  sizeText: null,
  downloadHref: null,
  expiresText: null,
  error: null,
};

/** One export job of the download list; the page script updates it while it runs. */
export function JobItem(props: { job: ExportJobView }) {
  const j = props.job;
  return (
    <li
      class="wb-job"
      data-testid="export-job"
      data-job={j.id}
      data-status={j.status}
      data-status-url={j.statusUrl}
    >
      <div class="head">
        <span class="label" data-role="label">
          {j.label}
        </span>
        <span class={`pill job-${j.status}`} data-role="status">
          {j.statusLabel}
        </span>
      </div>
      <progress
        max="1"
        value={String(j.progress)}
        data-role="progress"
        aria-label={`${j.label} 进度`}
        hidden={j.status === "done" || j.status === "failed"}
      />
      <div class="meta">
        <span data-role="started">开始于 {j.startedText}</span>
        <span data-role="percent">
          {j.status === "running" || j.status === "queued"
            ? `${Math.floor(j.progress * 100)}%`
            : ""}
        </span>
        <span data-role="rows">{j.rowsText ?? ""}</span>
        <span data-role="size">{j.sizeText ?? ""}</span>
        <span data-role="expires">{j.expiresText ? `保留至 ${j.expiresText}` : ""}</span>
      </div>
      <div data-role="file">
        {j.downloadHref ? (
          <a class="dl" href={j.downloadHref} data-testid="export-download" download>
            下载 {j.fileName}
          </a>
        ) : null}
        {j.error ? <span class="error small">{j.error}</span> : null}
      </div>
    </li>
  );
}

function WorkbookCard(props: { v: WorkbenchView }) {
  const w = props.v.workbook;
  return (
    <section class="card" aria-labelledby="wb-book-h">
      <h2 id="wb-book-h">评估工作簿</h2>
      <p class="small muted">
        含说明、指标明细、维度与指数、问卷样本、数据质量、参数六张表；比率、得分、指数、等级和排名均为公式，
        修改“参数”表中的权重即可重新计算。
      </p>
      <form class="wb-form" method="get" action={w.action} data-testid="workbook-form">
        <input type="hidden" name="period" value={w.period} />
        <input type="hidden" name="orgUnit" value={w.orgUnit} />
        <fieldset class="wb-choice">
          <legend>范围</legend>
          <label>
            <input type="radio" name="depth" value="children" checked />
            本单位及直属下级
          </label>
          <label>
            <input type="radio" name="depth" value="all" />
            本单位及全部下级
          </label>
        </fieldset>
        <div class="buttons">
          <button type="submit" class="btn primary big" data-testid="workbook-download">
            下载评估工作簿（XLSX）
          </button>
        </div>
      </form>
    </section>
  );
}

function RawExportCard(props: { v: WorkbenchView }) {
  const r = props.v.rawExport;
  return (
    <section class="card" aria-labelledby="wb-raw-h">
      <h2 id="wb-raw-h">原始数据导出</h2>
      <p class="small muted">
        导出本单位及下级在本季度的原始数据。导出在后台进行，可离开本页，完成后在下方“下载列表”中下载（保留{" "}
        {props.v.keepHours} 小时）。
      </p>
      <form
        class="wb-form"
        id="export-form"
        data-testid="export-form"
        data-api={r.apiBase}
        data-period={r.period}
        data-org-unit={r.orgUnit}
      >
        <label>
          数据表
          <select name="table" data-testid="export-table">
            {r.tables.map((t) => (
              <option value={t.value}>{t.label}</option>
            ))}
          </select>
        </label>
        <fieldset class="wb-choice">
          <legend>格式</legend>
          <label>
            <input type="radio" name="format" value="csv" checked data-testid="format-csv" />
            CSV
          </label>
          <label>
            <input type="radio" name="format" value="xlsx" data-testid="format-xlsx" />
            XLSX
          </label>
        </fieldset>
        <fieldset class="wb-choice" data-role="encoding">
          <legend>CSV 编码</legend>
          <label>
            <input type="radio" name="encoding" value="utf-8" checked />
            UTF-8（新版 Excel、WPS）
          </label>
          <label>
            <input type="radio" name="encoding" value="gb18030" data-testid="encoding-gb18030" />
            GB18030（旧版 Excel）
          </label>
        </fieldset>
        <div class="buttons">
          <button type="submit" class="btn primary big" data-testid="export-start">
            开始导出
          </button>
        </div>
        <p class="status-msg" role="status" aria-live="polite" data-testid="export-status" />
      </form>
    </section>
  );
}

/** The workbench's export page: /dashboard/{code}/workbench. */
export function WorkbenchExportsPage(props: { view: WorkbenchView; scripts: ScriptFiles }) {
  const v = props.view;
  return (
    <WorkbenchFrame
      view={v}
      scripts={props.scripts}
      title="评估工作台"
      path={`/dashboard/${encodeURIComponent(v.unit.code)}/workbench`}
    >
      {v.children.length > 0 ? (
        <nav class="card" aria-labelledby="wb-units-h">
          <h2 id="wb-units-h">导出下级单位</h2>
          <ul class="tabs" data-testid="workbench-children">
            {v.children.map((c) => (
              <li>
                <a href={c.href}>{c.name}</a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      <div class="wb-grid">
        <div>
          <WorkbookCard v={v} />
          <RawExportCard v={v} />
        </div>
        <section class="card" aria-labelledby="wb-jobs-h">
          <h2 id="wb-jobs-h">后台任务与下载列表</h2>
          <p class="small muted" data-testid="jobs-empty" hidden={v.jobs.length > 0}>
            最近 {v.keepHours} 小时内没有导出任务。
          </p>
          <ul class="wb-jobs" data-testid="export-jobs">
            {v.jobs.map((j) => (
              <JobItem job={j} />
            ))}
          </ul>
          {/* What the page script clones for a job it starts. */}
          <template id="export-job-template">
            <JobItem job={BLANK_JOB} />
          </template>
        </section>
      </div>
    </WorkbenchFrame>
  );
}
