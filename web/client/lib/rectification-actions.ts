/**
 * The rectification pages' forms. The unit's work form (web/components/rectification-forms.tsx):
 * each evidence file goes to POST /api/v1/rectifications/{id}/attachments, then the measures and
 * note to POST …/{id}/progress (`submit: true` for 提交验收); the page reloads. The verifier's
 * form: the pressed button posts POST …/{id}/decision (verify, return, or extend with the new
 * deadline). The session cookie authenticates; refusals show the API's Chinese detail.
 */

import { postJson, problemText, show } from "./form-io.ts";

const value = (form: HTMLFormElement, selector: string) =>
  (form.querySelector(selector) as unknown as { value: string } | null)?.value ?? "";

function wireWork(form: HTMLFormElement) {
  const status = form.querySelector<HTMLElement>("[data-testid=work-status]");
  const base = `/api/v1/rectifications/${form.dataset.task}`;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const submit = (event as SubmitEvent).submitter?.getAttribute("data-submit") === "1";
    const buttons = [...form.querySelectorAll<HTMLButtonElement>("button")];
    for (const b of buttons) b.disabled = true;
    try {
      const files = form.querySelector<HTMLInputElement>("#work-files")?.files ?? [];
      for (const file of [...files]) {
        show(status, `正在上传 ${file.name}…`, true);
        const body = new FormData();
        body.set("file", file, file.name);
        const res = await fetch(`${base}/attachments`, {
          method: "POST",
          credentials: "same-origin",
          body,
        });
        if (!res.ok) {
          show(status, `${file.name} 上传失败：${await problemText(res)}`, false);
          return;
        }
      }
      const measures = value(form, "#work-measures").trim();
      const note = value(form, "#work-note").trim();
      if (measures !== "" || note !== "" || submit) {
        const res = await postJson(`${base}/progress`, { measures, note, submit });
        if (!res.ok) {
          show(status, `${submit ? "提交" : "保存"}失败：${await problemText(res)}`, false);
          return;
        }
      }
      show(status, submit ? "已提交验收，等待上级验收。" : "已保存整改进展。", true);
      setTimeout(() => location.reload(), 600);
    } finally {
      for (const b of buttons) b.disabled = false;
    }
  });
}

const DONE: Record<string, string> = {
  verify: "已验收销号。",
  return: "已退回整改。",
  extend: "已延期。",
};

function wireDecision(form: HTMLFormElement) {
  const status = form.querySelector<HTMLElement>("[data-testid=decide-status]");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const decision = (event as SubmitEvent).submitter?.getAttribute("data-decision") ?? "";
    if (!(decision in DONE)) return;
    const note = value(form, "textarea").trim();
    const newDeadline = value(form, "input[name=newDeadline]");
    if (decision !== "verify" && note === "") {
      show(status, decision === "return" ? "退回须说明理由。" : "延期须说明理由。", false);
      return;
    }
    if (decision === "extend" && newDeadline === "") {
      show(status, "请选择新的整改期限。", false);
      return;
    }
    const buttons = [...form.querySelectorAll<HTMLButtonElement>("button")];
    for (const b of buttons) b.disabled = true;
    const res = await postJson(`/api/v1/rectifications/${form.dataset.task}/decision`, {
      decision,
      note,
      ...(decision === "extend" ? { newDeadline } : {}),
    });
    if (!res.ok) {
      show(status, `操作失败：${await problemText(res)}`, false);
      for (const b of buttons) b.disabled = false;
      return;
    }
    show(status, DONE[decision] ?? "", true);
    setTimeout(() => location.reload(), 600);
  });
}

/** Wires the work form and the decision forms the page has. */
export function wireRectificationActions(): void {
  const work = document.querySelector<HTMLFormElement>("#task-work");
  if (work) wireWork(work);
  for (const f of document.querySelectorAll<HTMLFormElement>("[data-testid=task-decide]")) {
    wireDecision(f);
  }
}
