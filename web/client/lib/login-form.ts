/**
 * The sign-in form: posts {username, password} as JSON to POST /api/v1/auth/login, which sets the
 * HttpOnly session cookie, then goes to the form's `data-next` (a local path only).
 */
import { safeNext } from "./safe-next.ts";

/** Wires `#login-form` when the page has one. */
export function wireLoginForm(): void {
  const form = document.getElementById("login-form") as HTMLFormElement | null;
  if (!form) return;
  const errorBox = document.getElementById("login-error");
  const submit = document.getElementById("login-submit") as HTMLButtonElement | null;
  const showError = (text: string) => {
    if (!errorBox) return;
    errorBox.textContent = text;
    errorBox.hidden = false;
  };
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const username = String(data.get("username") ?? "").trim();
    const password = String(data.get("password") ?? "");
    if (!username || !password) {
      showError("请输入用户名和密码。");
      return;
    }
    if (submit) submit.disabled = true;
    try {
      const res = await fetch("/api/v1/auth/login", {
        method: "POST",
        headers: { "content-type": "application/json" },
        credentials: "same-origin",
        body: JSON.stringify({ username, password }),
      });
      if (res.ok) {
        window.location.assign(safeNext(form.dataset.next));
        return;
      }
      // Every refusal is the same 401 (a lock must not tell strangers that an account exists).
      showError(
        res.status === 401
          ? "用户名或密码错误。同一账号连续失败 5 次后，需等待 15 分钟再试。"
          : `登录失败（${res.status}），请稍后再试。`,
      );
    } catch {
      showError("无法连接服务器，请检查网络后重试。");
    } finally {
      if (submit) submit.disabled = false;
    }
  });
}

/**
 * Signs out through POST /api/v1/auth/logout (audited, like every write of the API) and goes to
 * the sign-in page. Without scripts the form posts to /logout instead.
 */
export function wireLogout(): void {
  const form = document.querySelector<HTMLFormElement>('form[action="/logout"]');
  form?.addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      await fetch("/api/v1/auth/logout", { method: "POST", credentials: "same-origin" });
    } finally {
      window.location.assign("/login");
    }
  });
}
