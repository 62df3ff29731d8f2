/**
 * The appeals pages' forms. Filing (web/pages/appeal-form.tsx): each evidence file goes to
 * POST /api/v1/attachments, then the appeal to POST /api/v1/appeals with the picked cases; on
 * success the page moves to the queue. Deciding (web/pages/appeal-queue.tsx): the pressed button
 * posts POST /api/v1/appeals/{id}/decision and the queue reloads. The session cookie
 * authenticates; refusals show the API's Chinese detail.
 */

import { postJson, problemText, show } from "./form-io.ts";

function wireFiling(form: HTMLFormElement) {
  const status = form.querySelector<HTMLElement>("[data-testid=appeal-status]");
  const submit = form.querySelector<HTMLButtonElement>("[data-testid=appeal-submit]");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const cases = [...form.querySelectorAll<HTMLInputElement>("input[name=case]:checked")].map(
      (c) => ({ source: c.dataset.source ?? "", externalId: c.dataset.externalId ?? "" }),
    );
    if (cases.length === 0) {
      show(status, "请至少勾选一个案件。", false);
      return;
    }
    if (submit) submit.disabled = true;
    try {
      const files = form.querySelector<HTMLInputElement>("#appeal-files")?.files ?? [];
      const attachments: number[] = [];
      for (const file of [...files]) {
        show(status, `正在上传 ${file.name}…`, true);
        const body = new FormData();
        body.set("file", file, file.name);
        const res = await fetch("/api/v1/attachments", {
          method: "POST",
          credentials: "same-origin",
          body,
        });
        if (!res.ok) {
          show(status, `${file.name} 上传失败：${await problemText(res)}`, false);
          return;
        }
        attachments.push(((await res.json()) as { id: number }).id);
      }
      const res = await postJson("/api/v1/appeals", {
        orgUnit: form.dataset.unit,
        period: form.dataset.period,
        cases,
        // (a select's type clashes with JSX's in this project's lib set; its value is all we need)
        reason: (form.querySelector("#appeal-reason") as unknown as { value: string } | null)
          ?.value,
        note: form.querySelector<HTMLTextAreaElement>("#appeal-note")?.value ?? "",
        attachments,
      });
      if (!res.ok) {
        show(status, `提交失败：${await problemText(res)}`, false);
        return;
      }
      const { id } = (await res.json()) as { id: number };
      show(status, `已提交核减申请 #${id}，等待上级审核。`, true);
      setTimeout(() => location.assign(form.dataset.queue ?? location.href), 800);
    } finally {
      if (submit) submit.disabled = false;
    }
  });
}

function wireDecision(form: HTMLFormElement) {
  const status = form.querySelector<HTMLElement>("[data-testid=decide-status]");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const button = (event as SubmitEvent).submitter as HTMLButtonElement | null;
    const decision = button?.dataset.decision;
    if (decision !== "approved" && decision !== "rejected") return;
    const buttons = [...form.querySelectorAll<HTMLButtonElement>("button")];
    for (const b of buttons) b.disabled = true;
    const res = await postJson(`/api/v1/appeals/${form.dataset.appeal}/decision`, {
      decision,
      note: form.querySelector<HTMLTextAreaElement>("textarea")?.value ?? "",
    });
    if (!res.ok) {
      show(status, `审核失败：${await problemText(res)}`, false);
      for (const b of buttons) b.disabled = false;
      return;
    }
    show(status, decision === "approved" ? "已同意核减。" : "已不予核减。", true);
    setTimeout(() => location.reload(), 600);
  });
}

/** Wires the filing form and the decision forms the page has. */
export function wireAppealActions(): void {
  const filing = document.querySelector<HTMLFormElement>("#appeal-form");
  if (filing) wireFiling(filing);
  for (const f of document.querySelectorAll<HTMLFormElement>("[data-testid=decide-form]")) {
    wireDecision(f);
  }
}
