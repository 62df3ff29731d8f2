import { DashboardShell } from "../components/dashboard-shell.tsx";
import type { LoginView, ScriptFiles } from "./dashboard-model.ts";

/**
 * The sign-in page. The login bundle posts the form as JSON to POST /api/v1/auth/login (which sets
 * the HttpOnly session cookie) and then goes to `next`.
 */
export function LoginPage(props: { view: LoginView; scripts: ScriptFiles }) {
  return (
    <DashboardShell title="登录" nav={null} scripts={[props.scripts.dashboard]}>
      <section class="card login" aria-labelledby="login-h">
        <h1 id="login-h" style="font-size:22px;margin-top:0">
          登录
        </h1>
        <form
          id="login-form"
          method="post"
          action="/api/v1/auth/login"
          data-next={props.view.next}
          novalidate
        >
          <label for="username">用户名</label>
          <input
            id="username"
            name="username"
            autocomplete="username"
            required
            autofocus
            value={props.view.username ?? ""}
          />
          <label for="password">密码</label>
          <input
            id="password"
            name="password"
            type="password"
            autocomplete="current-password"
            required
          />
          <p id="login-error" class="error" role="alert" hidden />
          <button type="submit" id="login-submit">
            登录
          </button>
        </form>
        <noscript>
          <p class="error">登录需要启用浏览器的 JavaScript。</p>
        </noscript>
      </section>
    </DashboardShell>
  );
}
