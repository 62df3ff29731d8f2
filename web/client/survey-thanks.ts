/**
 * The end of filling a survey, the same on both public forms (survey.ts with SurveyJS,
 * surveyform.ts on the server-rendered form): the thanks panel says 正在提交…, the queue is sent
 * (survey-queue.ts), then the panel says how this response fared. The caller has queued the
 * response and hidden the form.
 */
import { flushQueue, type SendOutcome } from "./survey-queue.ts";

/** What the panel says of a response: sent (`sent`), refused with the server's reason, or kept. */
export function sendStatusText(out: SendOutcome | undefined, sent: string): string {
  if (!out || out.state === "sent") return sent;
  if (out.state === "rejected") return `提交未成功：${out.detail}`;
  if (out.reason === "signin") return "登录已过期：答卷已保存在本机，重新登录后会自动提交。";
  return "网络不畅：答卷已保存在本机，联网后会自动提交，无需重填。";
}

/** Shows the thanks panel, sends the queue to `endpoint`, and shows the outcome of response `id`. */
export async function sendShowingThanks(
  endpoint: string,
  id: string,
  sent: string,
): Promise<SendOutcome | undefined> {
  const thanks = document.getElementById("thanks");
  const status = document.getElementById("thanks-status");
  if (thanks) thanks.hidden = false;
  if (status) {
    status.textContent = "正在提交…";
    // A fresh state per entry: in assisted mode the previous entry's "sent" must not linger.
    status.dataset.state = "pending";
  }
  window.scrollTo({ top: 0 });
  document.getElementById("thanks-title")?.focus();
  const mine = (await flushQueue(endpoint)).get(id);
  if (status) {
    status.textContent = sendStatusText(mine, sent);
    status.dataset.state = mine?.state ?? "sent";
  }
  return mine;
}
