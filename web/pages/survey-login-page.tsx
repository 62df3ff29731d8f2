import { raw } from "hono/html";
import { SurveyShell } from "../components/survey-shell.tsx";

/**
 * Sign-in for assisted entry (代办点): posts to /api/v1/auth/login, which sets the HttpOnly
 * session cookie, then reloads the entry page. A few lines of inline script (allowed by the
 * response's CSP nonce), no bundle.
 */
export function SurveyLoginPage(props: { unitName: string; nonce: string }) {
  return (
    <SurveyShell title={`代填录入登录 · ${props.unitName}`} nonce={props.nonce}>
      <header class="top">
        <div>
          <p class="unit">{props.unitName}</p>
          <h1>代填录入 · 工作人员登录</h1>
        </div>
      </header>
      <main>
        <form id="login" class="card">
          <label class="field">
            <span>用户名</span>
            <input name="username" autocomplete="username" required />
          </label>
          <label class="field">
            <span>密码</span>
            <input name="password" type="password" autocomplete="current-password" required />
          </label>
          <p id="login-error" class="error" role="alert" />
          <button type="submit" class="btn">
            登录
          </button>
        </form>
      </main>
      <script nonce={props.nonce}>{raw(LOGIN_SCRIPT)}</script>
    </SurveyShell>
  );
}

const LOGIN_SCRIPT = `
document.getElementById("login").addEventListener("submit", async function (e) {
  e.preventDefault();
  var f = new FormData(e.target), err = document.getElementById("login-error");
  err.textContent = "";
  try {
    var res = await fetch("/api/v1/auth/login", { method: "POST", headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: f.get("username"), password: f.get("password") }), credentials: "same-origin" });
    if (res.ok) { location.reload(); return; }
    err.textContent = res.status === 401 ? "用户名或密码不正确。连续失败 5 次后，需等待 15 分钟再试。" : "登录失败，请稍后再试。";
  } catch (x) { err.textContent = "网络不畅，请稍后再试。"; }
});`;
