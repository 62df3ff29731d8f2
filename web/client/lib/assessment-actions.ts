/**
 * The scoring page's form (web/pages/assessment.tsx): 保存草稿 sends the filled items and
 * adjustments with PUT /api/v1/assessments/{orgUnit}/{period}; 签署确认 saves them and then posts
 * …/sign-off; 重新开放 (an admin) posts …/reopen. The page reloads to show the stored state;
 * refusals show the API's Chinese detail.
 */

import { problemText, sendJson as send } from "./form-io.ts";

/** The filled-in items and adjustments (blank inputs are left out). */
function collect(form: HTMLFormElement) {
  const text = (sel: string) => form.querySelector<HTMLTextAreaElement>(sel)?.value.trim() ?? "";
  const items = [...form.querySelectorAll<HTMLInputElement>("input[data-item]")]
    .filter((i) => i.value.trim() !== "")
    .map((i) => ({
      code: i.dataset.item ?? "",
      score: Number(i.value),
      comment: text(`textarea[data-comment="${i.dataset.item}"]`),
    }));
  const adjustments = [...form.querySelectorAll<HTMLInputElement>("input[data-adjustment]")]
    .filter((i) => i.value.trim() !== "")
    .map((i) => ({
      code: i.dataset.adjustment ?? "",
      points: Number(i.value),
      reason: text(`textarea[data-reason="${i.dataset.adjustment}"]`),
    }));
  return { items, adjustments };
}

function wire(form: HTMLFormElement) {
  const api = form.dataset.api ?? "";
  const status = form.querySelector<HTMLElement>("[data-testid=assessment-status]");
  const show = (text: string, ok: boolean) => {
    if (!status) return;
    status.textContent = text;
    status.classList.toggle("err", !ok);
    status.classList.toggle("ok", ok);
  };
  const buttons = [...form.querySelectorAll<HTMLButtonElement>("button[data-action]")];
  for (const button of buttons) {
    button.addEventListener("click", async () => {
      const action = button.dataset.action;
      for (const b of buttons) b.disabled = true;
      try {
        if (action === "save" || action === "sign") {
          show("正在保存…", true);
          const res = await send("PUT", api, collect(form));
          if (!res.ok) {
            show(`保存失败：${await problemText(res)}`, false);
            return;
          }
        }
        if (action === "sign" || action === "reopen") {
          const reason = action === "reopen" ? window.prompt("请填写重新开放的原因") : "";
          if (reason === null || (action === "reopen" && reason.trim() === "")) return;
          const body = action === "reopen" ? { reason: reason.trim() } : {};
          const res = await send(
            "POST",
            `${api}/${action === "sign" ? "sign-off" : "reopen"}`,
            body,
          );
          if (!res.ok) {
            show(
              `${action === "sign" ? "签署" : "重新开放"}失败：${await problemText(res)}`,
              false,
            );
            return;
          }
        }
        show(
          action === "save" ? "草稿已保存。" : action === "sign" ? "已签署。" : "已重新开放。",
          true,
        );
        setTimeout(() => location.reload(), 500);
      } finally {
        for (const b of buttons) b.disabled = false;
      }
    });
  }
}

/** Wires the scoring form when the page has one. */
export function wireAssessmentActions(): void {
  const form = document.querySelector<HTMLFormElement>("#assessment-form");
  if (form) wire(form);
}
