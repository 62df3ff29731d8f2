/**
 * The closing page's forms (web/pages/periods.tsx): 关账 posts to POST /api/v1/periods/{p}/close,
 * 重新开账 to …/reopen with the reason typed, then the page reloads to show the new state. The
 * browser checks the required fields (the confirmation, the reason) before submit; the API's
 * Chinese problem detail is shown when it refuses. The session cookie authenticates.
 */

import { problemText } from "./form-io.ts";

/** Wires the closing page's forms when the page has them. */
export function wirePeriodActions(): void {
  const forms = document.querySelectorAll<HTMLFormElement>("form[data-period-action]");
  const message = document.querySelector<HTMLElement>("[data-testid=period-message]");
  const show = (text: string, error = false) => {
    if (!message) return;
    message.textContent = text;
    message.classList.toggle("error", error);
  };
  for (const form of forms) {
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const action = form.dataset.periodAction;
      const period = form.dataset.period ?? "";
      const reason = form.querySelector<HTMLTextAreaElement>("textarea[name=reason]")?.value.trim();
      if (action === "reopen" && !reason) {
        show("请填写重新开账的原因", true);
        return;
      }
      const buttons = [
        ...document.querySelectorAll<HTMLButtonElement>("form[data-period-action] button"),
      ];
      for (const b of buttons) b.disabled = true;
      show(
        action === "close"
          ? `正在关账 ${period}，保存全部单位的正式数据…`
          : `正在重新开账 ${period}…`,
      );
      const res = await fetch(`/api/v1/periods/${encodeURIComponent(period)}/${action}`, {
        method: "POST",
        credentials: "same-origin",
        ...(action === "reopen"
          ? { headers: { "content-type": "application/json" }, body: JSON.stringify({ reason }) }
          : {}),
      }).catch(() => null);
      if (res?.ok) {
        show(action === "close" ? `${period} 已关账` : `${period} 已重新开账`);
        location.reload();
        return;
      }
      for (const b of buttons) b.disabled = false;
      show(res ? await problemText(res) : "网络错误，请重试", true);
    });
  }
}
