/**
 * The report panel's buttons (web/components/report-list.tsx): 生成领导版/生成评估版 queue a draft
 * through POST /api/v1/reports and follow the job (GET /api/v1/reports/{id}) until it is done,
 * then reload the page so the list shows the new row with its links; 发布 publishes a finished
 * draft through POST /api/v1/reports/{id}/publish; 删除草稿 deletes a draft (DELETE
 * /api/v1/reports/{id}). The session cookie authenticates; the
 * browser's Origin header satisfies the API's cross-site guard.
 */

import { problemText } from "./form-io.ts";

const POLL_MS = 1000;

async function post(url: string, body?: unknown): Promise<Response> {
  if (body === undefined) return fetch(url, { method: "POST", credentials: "same-origin" });
  return fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    credentials: "same-origin",
    body: JSON.stringify(body),
  });
}

/** Polls a report job, showing its percent, until it is done or failed. */
async function follow(id: string, show: (text: string) => void): Promise<boolean> {
  for (;;) {
    const res = await fetch(`/api/v1/reports/${encodeURIComponent(id)}`, {
      credentials: "same-origin",
    });
    if (!res.ok) {
      show(`查询进度失败：${await problemText(res)}`);
      return false;
    }
    const job = (await res.json()) as { status: string; percent?: number; error?: string | null };
    if (job.status === "done") return true;
    if (job.status === "failed") {
      show(`生成失败：${job.error ?? "原因未知"}`);
      return false;
    }
    const state = `${job.status === "queued" ? "排队中" : "生成中"} ${job.percent ?? 0}%`;
    // Waiting for a retry: the reason the last attempt failed is shown, never a silent percent.
    show(
      job.status === "queued" && job.error
        ? `${state}（上次失败：${job.error}；将自动重试）`
        : state,
    );
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

/** Wires the report panel when the page has one. */
export function wireReportActions(): void {
  const panel = document.querySelector<HTMLElement>("[data-testid=report-list]");
  if (!panel) return;
  const actions = panel.querySelector<HTMLElement>(".report-actions");
  const status = panel.querySelector<HTMLElement>("[data-report-status]");
  const show = (text: string) => {
    if (status) status.textContent = text;
  };
  const buttons = () => [...panel.querySelectorAll<HTMLButtonElement>("button")];
  const busy = (on: boolean) => {
    for (const b of buttons()) b.disabled = on;
  };

  panel.addEventListener("click", async (event) => {
    const target = (event.target as HTMLElement).closest("button");
    if (!target || target.disabled) return;
    const edition = target.dataset.generate;
    const publishId = target.dataset.publish;
    const deleteId = target.dataset.delete;
    if (edition && actions) {
      busy(true);
      show("正在提交…");
      try {
        const res = await post("/api/v1/reports", {
          period: actions.dataset.period,
          orgUnit: actions.dataset.orgUnit,
          edition,
        });
        if (!res.ok) {
          show(`提交失败：${await problemText(res)}`);
          return;
        }
        const { id } = (await res.json()) as { id: string };
        if (await follow(id, show)) {
          show("已生成，正在刷新列表…");
          window.location.reload();
        }
      } catch {
        show("无法连接服务器，请检查网络后重试。");
      } finally {
        busy(false);
      }
    } else if (deleteId) {
      if (!window.confirm("删除后无法恢复，确定删除这份草稿吗？")) return;
      busy(true);
      try {
        const res = await fetch(`/api/v1/reports/${encodeURIComponent(deleteId)}`, {
          method: "DELETE",
          credentials: "same-origin",
        });
        if (res.ok) window.location.reload();
        else show(`删除失败：${await problemText(res)}`);
      } catch {
        show("无法连接服务器，请检查网络后重试。");
      } finally {
        busy(false);
      }
    } else if (publishId) {
      if (!window.confirm("发布后报告内容将固定不变，确定发布吗？")) return;
      busy(true);
      try {
        const res = await post(`/api/v1/reports/${encodeURIComponent(publishId)}/publish`);
        if (res.ok) window.location.reload();
        else show(`发布失败：${await problemText(res)}`);
      } catch {
        show("无法连接服务器，请检查网络后重试。");
      } finally {
        busy(false);
      }
    }
  });
}
