/**
 * The workbench's raw-export form and download list: starts an export as a background job (GET
 * /api/v1/exports/{table}.{format}?async=1 → 202 {jobId, statusUrl}), adds it to the list from the
 * page's template, and polls GET /api/v1/jobs/{id} while it runs: the progress bar moves, and the
 * finished job shows its rows, size and download link. Jobs the page lists as running are
 * followed too (a reload or a second tab picks up where it was).
 */
import { formatBytes, formatInstant, formatNumber } from "../../../shapes/format.ts";
import { problemText, show } from "./form-io.ts";

interface JobAnswer {
  status: "queued" | "running" | "done" | "failed";
  progress: number;
  result?: {
    rows: number;
    bytes: number;
    fileName: string;
    downloadUrl: string;
    expiresAt: string;
  };
  error?: string;
}

const POLL_MS = 600;

const part = (li: HTMLElement, role: string) =>
  li.querySelector<HTMLElement>(`[data-role=${role}]`);

function setText(li: HTMLElement, role: string, text: string) {
  const el = part(li, role);
  if (el) el.textContent = text;
}

function setStatus(li: HTMLElement, status: JobAnswer["status"], label: string) {
  li.dataset.status = status;
  const pill = part(li, "status");
  if (pill) {
    pill.textContent = label;
    pill.className = `pill job-${status}`;
  }
}

/** Shows a job's answer in its list item; returns whether it is still going. */
export function render(li: HTMLElement, job: JobAnswer): boolean {
  const bar = part(li, "progress") as HTMLProgressElement | null;
  if (job.status === "queued" || job.status === "running") {
    setStatus(li, job.status, job.status === "queued" ? "排队中" : "导出中");
    if (bar) {
      bar.hidden = false;
      bar.value = job.progress;
    }
    setText(li, "percent", `${Math.floor(job.progress * 100)}%`);
    return true;
  }
  if (bar) bar.hidden = true;
  setText(li, "percent", "");
  const file = part(li, "file");
  if (job.status === "failed" || !job.result) {
    setStatus(li, "failed", "失败");
    if (file) {
      file.textContent = "";
      const err = document.createElement("span");
      err.className = "error small";
      err.textContent = "导出失败，请重新导出；如仍失败请联系管理员。";
      file.appendChild(err);
    }
    return false;
  }
  const r = job.result;
  setStatus(li, "done", "已完成");
  setText(li, "rows", `${formatNumber(r.rows, 0)} 行`);
  setText(li, "size", formatBytes(r.bytes));
  setText(li, "expires", `保留至 ${formatInstant(r.expiresAt)}`);
  if (file) {
    file.textContent = "";
    const a = document.createElement("a");
    a.className = "dl";
    a.href = r.downloadUrl;
    a.download = "";
    a.dataset.testid = "export-download";
    a.textContent = `下载 ${r.fileName}`;
    file.appendChild(a);
  }
  return false;
}

/** Polls the job of `li` until it finishes (network hiccups retried a few times). */
export function follow(li: HTMLElement): void {
  const url = li.dataset.statusUrl;
  if (!url) return;
  let misses = 0;
  const tick = async () => {
    try {
      const res = await fetch(url, {
        credentials: "same-origin",
        headers: { accept: "application/json" },
      });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      misses = 0;
      if (render(li, (await res.json()) as JobAnswer)) window.setTimeout(tick, POLL_MS);
    } catch {
      misses += 1;
      if (misses < 5) window.setTimeout(tick, POLL_MS * 2 ** misses);
      else setText(li, "percent", "无法获取进度，请刷新页面");
    }
  };
  window.setTimeout(tick, POLL_MS);
}

function checked(form: HTMLFormElement, name: string): string {
  return form.querySelector<HTMLInputElement>(`input[name=${name}]:checked`)?.value ?? "";
}

/** Wires the export form and the download list (when the page has them). */
export function wireExportJobs(): void {
  const form = document.getElementById("export-form") as HTMLFormElement | null;
  const list = document.querySelector<HTMLElement>("[data-testid=export-jobs]");
  const template = document.getElementById("export-job-template") as HTMLTemplateElement | null;
  if (!form || !list || !template) return;
  for (const li of list.querySelectorAll<HTMLElement>("[data-testid=export-job]")) {
    if (li.dataset.status === "running" || li.dataset.status === "queued") follow(li);
  }
  const encoding = form.querySelector<HTMLElement>("[data-role=encoding]");
  const sync = () => {
    if (encoding) encoding.hidden = checked(form, "format") !== "csv";
  };
  form.addEventListener("change", sync);
  sync();
  const status = form.querySelector<HTMLElement>("[data-testid=export-status]");
  const button = form.querySelector<HTMLButtonElement>("button[type=submit]");
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const select = form.querySelector("select[name=table]") as HTMLSelectElement | null;
    const table = select?.value ?? "cases";
    const format = checked(form, "format") === "xlsx" ? "xlsx" : "csv";
    const gb = format === "csv" && checked(form, "encoding") === "gb18030";
    const params = new URLSearchParams({
      period: form.dataset.period ?? "",
      orgUnit: form.dataset.orgUnit ?? "",
      async: "1",
    });
    if (gb) params.set("encoding", "gb18030");
    if (button) button.disabled = true;
    show(status, "正在提交…", true);
    try {
      const res = await fetch(`${form.dataset.api}${table}.${format}?${params}`, {
        credentials: "same-origin",
        headers: { accept: "application/json" },
      });
      if (res.status !== 202) {
        show(status, await problemText(res), false);
        return;
      }
      const body = (await res.json()) as { jobId: string; statusUrl: string };
      const li = (template.content.firstElementChild as HTMLElement).cloneNode(true) as HTMLElement;
      li.dataset.job = body.jobId;
      li.dataset.statusUrl = body.statusUrl;
      const tableLabel = select?.selectedOptions[0]?.textContent ?? table;
      const what = format === "xlsx" ? "XLSX" : `CSV（${gb ? "GB18030" : "UTF-8"}）`;
      setText(
        li,
        "label",
        `${tableLabel} · ${what} · ${form.dataset.orgUnit} ${form.dataset.period}`,
      );
      setText(li, "started", `开始于 ${formatInstant(new Date().toISOString())}`);
      render(li, { status: "running", progress: 0 });
      list.insertBefore(li, list.firstChild);
      const empty = document.querySelector<HTMLElement>("[data-testid=jobs-empty]");
      if (empty) empty.hidden = true;
      show(status, "已开始导出，进度见“下载列表”。", true);
      follow(li);
    } catch {
      show(status, "网络错误，请稍后重试。", false);
    } finally {
      if (button) button.disabled = false;
    }
  });
}
