/**
 * What the dashboard's form scripts share: a refused request's Chinese detail (with the first
 * field error), a status line, and a JSON request with the session cookie.
 */

/** A refusal without a detail to show (a proxy's page, a dropped connection). */
const failed = (status: number) => `请求未成功（HTTP ${status}），请稍后再试`;

export async function problemText(res: Response): Promise<string> {
  try {
    const body = (await res.json()) as { detail?: string; errors?: { message: string }[] };
    const first = body.errors?.[0]?.message;
    return first && body.detail && !body.detail.includes(first)
      ? `${body.detail}（${first}）`
      : (body.detail ?? failed(res.status));
  } catch {
    return failed(res.status);
  }
}

export function show(el: HTMLElement | null, text: string, ok: boolean) {
  if (!el) return;
  el.textContent = text;
  el.classList.toggle("err", !ok);
  el.classList.toggle("ok", ok);
}

export const sendJson = (method: string, url: string, body: unknown) =>
  fetch(url, {
    method,
    headers: { "content-type": "application/json" },
    credentials: "same-origin",
    body: JSON.stringify(body),
  });

export const postJson = (url: string, body: unknown) => sendJson("POST", url, body);
