/**
 * The quarterly reports of a unit and quarter on the dashboard: published versions with their
 * dates and drafts with their status, each with links to the PDF and the HTML (the API serves
 * them to the signed-in user's session). Roles that may write reports get buttons to generate a
 * draft of either edition (and to delete a draft that is not being generated), and roles that may
 * publish get a 发布 button on finished drafts; the
 * dashboard bundle (web/client/lib/report-actions.ts) sends those to the API and follows the
 * job's progress. Receives a view model; never queries.
 */
import { formatInstant, periodLabel } from "../../shapes/format.ts";

/** One report as the dashboard lists it. */
export interface ReportListItem {
  id: string;
  edition: "leadership" | "assessor";
  status: "queued" | "running" | "done" | "failed";
  /** Percent done while queued or running. */
  percent: number;
  /** Published version, or null for a draft. */
  version: number | null;
  publishedAt: string | null;
  createdAt: string;
  pages: number | null;
  error: string | null;
  pdfHref: string;
  htmlHref: string;
}

export interface ReportListView {
  unitName: string;
  unitCode: string;
  period: string;
  /** The viewer may queue a new draft (reports.write). */
  canGenerate: boolean;
  /** The viewer may publish a finished draft (reports.publish). */
  canPublish: boolean;
  items: ReportListItem[];
}

const EDITION = { leadership: "领导版", assessor: "评估版" } as const;
const STATUS = { queued: "排队中", running: "生成中", done: "已生成", failed: "生成失败" } as const;

/** A date and time that never breaks across lines (`2026-12-06 17:27`). */
const when = (iso: string | null) => <span class="nowrap">{formatInstant(iso)}</span>;

function state(r: ReportListItem) {
  if (r.version !== null) {
    return (
      <>
        第 {r.version} 版 · 发布于 {when(r.publishedAt)}
      </>
    );
  }
  if (r.status === "queued" && r.error) {
    // A retry is waiting: say why the last attempt failed rather than wait silently.
    return `${STATUS.queued} ${r.percent}%（上次失败：${r.error}；将自动重试）`;
  }
  if (r.status === "running" || r.status === "queued") return `${STATUS[r.status]} ${r.percent}%`;
  if (r.status === "failed") return `${STATUS.failed}：${r.error ?? "原因未知"}`;
  return <>草稿 · 生成于 {when(r.createdAt)}</>;
}

/** The panel: one row per report, newest first, with download links when the file exists. */
export function ReportList(props: { view: ReportListView }) {
  const v = props.view;
  return (
    <section class="card" aria-labelledby="reports-h" data-testid="report-list">
      <h2 id="reports-h">季度评估报告</h2>
      <p class="small" style="margin:0 0 4px">
        {v.unitName} · {periodLabel(v.period)}
      </p>
      {v.canGenerate && (
        <p class="report-actions" data-org-unit={v.unitCode} data-period={v.period}>
          <button type="button" class="btn" data-generate="leadership">
            生成领导版
          </button>{" "}
          <button type="button" class="btn" data-generate="assessor">
            生成评估版
          </button>{" "}
          <span class="small muted" role="status" aria-live="polite" data-report-status />
        </p>
      )}
      {v.items.length === 0 ? (
        <p class="muted small">本季度尚未生成报告。</p>
      ) : (
        <table class="list reportlist">
          <thead>
            <tr>
              <th scope="col">版本</th>
              <th scope="col">状态</th>
              <th scope="col">下载</th>
            </tr>
          </thead>
          <tbody>
            {v.items.map((r) => (
              <tr data-report={r.id}>
                <td class="nowrap">{EDITION[r.edition]}</td>
                <td>{state(r)}</td>
                <td>
                  {r.status === "done" ? (
                    <>
                      <a href={r.pdfHref} download>
                        PDF{r.pages ? `（${r.pages} 页）` : ""}
                      </a>{" "}
                      <a href={r.htmlHref} target="_blank" rel="noopener">
                        网页版
                      </a>
                    </>
                  ) : (
                    "—"
                  )}
                  {v.canPublish && r.status === "done" && r.version === null && (
                    <>
                      {" "}
                      <button type="button" class="btn-link" data-publish={r.id}>
                        发布
                      </button>
                    </>
                  )}
                  {v.canGenerate && r.version === null && r.status !== "running" && (
                    <>
                      {" "}
                      <button type="button" class="btn-link" data-delete={r.id}>
                        删除草稿
                      </button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
