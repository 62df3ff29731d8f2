/**
 * The administrator's forms (web/pages/admin-*.tsx), calling the JSON API with the session
 * cookie: create a user (POST /api/v1/users), change one (PATCH …/{id}: role and scope, disable
 * or enable, a new password), create a key (POST /api/v1/api-keys: its secret is shown here once
 * and never stored in the page) and revoke one (DELETE …/{id}). A refusal shows the API's Chinese
 * detail beside the form; a change reloads the page with a note of what was done.
 */
import { problemText, sendJson, show } from "./form-io.ts";

const FLASH = "admin-flash";

function field(form: HTMLFormElement, name: string): string {
  const el = form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement | null;
  return el ? el.value.trim() : "";
}

/** Reloads the page and shows `text` at its top once loaded. */
function reloadWith(text: string): void {
  sessionStorage.setItem(FLASH, text);
  location.reload();
}

type Request = { method: string; url: string; body?: unknown; done: string };

function requestOf(form: HTMLFormElement): Request | null {
  const id = form.dataset.userId ?? form.dataset.keyId ?? "";
  switch (form.dataset.adminAction) {
    case "create-user": {
      const unit = field(form, "orgUnit");
      const displayName = field(form, "displayName");
      return {
        method: "POST",
        url: "/api/v1/users",
        body: {
          username: field(form, "username"),
          password: field(form, "password"),
          role: field(form, "role"),
          ...(unit ? { orgUnit: unit } : {}),
          ...(displayName ? { displayName } : {}),
        },
        done: `已创建用户“${field(form, "username")}”`,
      };
    }
    case "move-user": {
      const unit = field(form, "orgUnit");
      return {
        method: "PATCH",
        url: `/api/v1/users/${id}`,
        body: { role: field(form, "role"), orgUnit: unit === "" ? null : unit },
        done: "已保存角色和数据范围",
      };
    }
    case "toggle-user": {
      const disabled = form.dataset.disabled === "true";
      return {
        method: "PATCH",
        url: `/api/v1/users/${id}`,
        body: { disabled },
        done: disabled ? "已停用账号，该用户已退出所有设备" : "已启用账号",
      };
    }
    case "reset-password":
      return {
        method: "PATCH",
        url: `/api/v1/users/${id}`,
        body: { password: field(form, "password") },
        done: "已重置密码，该用户需用新密码重新登录",
      };
    case "revoke-key":
      return { method: "DELETE", url: `/api/v1/api-keys/${id}`, done: "已吊销密钥" };
    default:
      return null;
  }
}

/** Shows a new key's secret once: only in this page's memory, gone on reload. */
async function createKey(form: HTMLFormElement, status: HTMLElement | null): Promise<void> {
  const unit = field(form, "orgUnit");
  const name = field(form, "name");
  const res = await sendJson("POST", "/api/v1/api-keys", {
    name,
    ...(unit ? { orgUnit: unit } : {}),
  }).catch(() => null);
  if (!res?.ok) {
    show(status, res ? await problemText(res) : "网络错误，请重试", false);
    return;
  }
  const created = (await res.json()) as { key: string; name: string };
  const box = document.querySelector<HTMLElement>("[data-testid=new-key]");
  if (!box) return;
  box.querySelector("[data-key-name]")!.textContent = created.name;
  box.querySelector("[data-key-secret]")!.textContent = created.key;
  box.hidden = false;
  form.reset();
  show(status, `已生成密钥“${created.name}”`, true);
  const copy = box.querySelector<HTMLButtonElement>("[data-copy-key]");
  // Replaced, not added: a second key on the same page copies its own secret.
  if (copy) {
    copy.onclick = async () => {
      const copied = await navigator.clipboard?.writeText(created.key).then(
        () => true,
        () => false,
      );
      show(status, copied ? "已复制到剪贴板" : "无法自动复制，请选中密钥手动复制", Boolean(copied));
    };
  }
}

/** Wires the administrator's forms when the page has them. */
export function wireAdminActions(): void {
  const flash = sessionStorage.getItem(FLASH);
  const top = document.querySelector<HTMLElement>("[data-testid=admin-message]");
  if (flash && top) {
    sessionStorage.removeItem(FLASH);
    show(top, flash, true);
  }
  for (const form of document.querySelectorAll<HTMLFormElement>("form[data-admin-action]")) {
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const status = form.querySelector<HTMLElement>(".status-msg");
      const button = form.querySelector<HTMLButtonElement>("button[type=submit]");
      if (button) button.disabled = true;
      show(status, "正在提交…", true);
      try {
        if (form.dataset.adminAction === "create-key") {
          await createKey(form, status);
          return;
        }
        const req = requestOf(form);
        if (!req) return;
        const res = await sendJson(req.method, req.url, req.body).catch(() => null);
        if (res?.ok) {
          reloadWith(req.done);
          return;
        }
        show(status, res ? await problemText(res) : "网络错误，请重试", false);
      } finally {
        if (button) button.disabled = false;
      }
    });
  }
}
