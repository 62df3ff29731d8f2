/**
 * The setup pages' forms (系统管理): a unit's yearly facts (web/pages/admin-org-units.tsx) are
 * written with PUT /api/v1/org-units repeating the unit's other fields; a scheme's next version
 * (web/pages/admin-schemes.tsx) is previewed as a list of changed figures against the version it
 * starts from, and only then saved with POST /api/v1/schemes; an org-tree file goes to POST
 * /api/v1/org-units/import. The API checks, scopes and audits
 * both; its Chinese problem detail is shown when it refuses. The session cookie authenticates.
 */
import {
  SCHEME_FIELD_LABELS,
  type SchemeFigures,
  schemeChanges,
} from "../../../shapes/scheme-diff.ts";
import { postJson, problemText, sendJson, show } from "./form-io.ts";

const numberOrNull = (v: FormDataEntryValue | null) => {
  const t = String(v ?? "").trim();
  return t === "" ? null : Number(t);
};

function wireFactsForm(form: HTMLFormElement) {
  const message = form.querySelector<HTMLElement>("[data-testid=facts-message]");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const unit = JSON.parse(form.dataset.unit ?? "{}") as Record<string, unknown>;
    const data = new FormData(form);
    const year = Number(data.get("year"));
    const button = form.querySelector<HTMLButtonElement>("button[type=submit]");
    if (button) button.disabled = true;
    show(message, "正在保存…", true);
    const res = await sendJson("PUT", "/api/v1/org-units", {
      units: [
        {
          ...unit,
          years: [
            {
              year,
              population: numberOrNull(data.get("population")),
              households: numberOrNull(data.get("households")),
            },
          ],
        },
      ],
    }).catch(() => null);
    if (res?.ok) {
      show(message, `已保存 ${year} 年数据`, true);
      location.reload();
      return;
    }
    if (button) button.disabled = false;
    show(message, res ? await problemText(res) : "网络错误，请重试", false);
  });
}

/** The org tree's file import: the API's counts, or every problem it names (row and reason). */
function wireImportForm(form: HTMLFormElement) {
  const message = form.querySelector<HTMLElement>("[data-testid=import-message]");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const button = form.querySelector<HTMLButtonElement>("button[type=submit]");
    if (button) button.disabled = true;
    show(message, "正在导入…", true);
    const res = await fetch("/api/v1/org-units/import", {
      method: "POST",
      credentials: "same-origin",
      body: new FormData(form),
    }).catch(() => null);
    if (button) button.disabled = false;
    if (res?.ok) {
      const r = (await res.json()) as { inserted: number; updated: number; unchanged: number };
      show(
        message,
        `导入完成：新增 ${r.inserted} 个，更新 ${r.updated} 个，未变 ${r.unchanged} 个单位`,
        true,
      );
      setTimeout(() => location.reload(), 1200);
      return;
    }
    if (!res) return show(message, "网络错误，请重试", false);
    const body = (await res
      .clone()
      .json()
      .catch(() => ({}))) as {
      errors?: { path: string; message: string }[];
    };
    show(message, await problemText(res), false);
    if (message && body.errors && body.errors.length > 1) {
      const list = document.createElement("ul");
      list.dataset.testid = "import-errors";
      for (const e of body.errors.slice(0, 50)) {
        const li = document.createElement("li");
        li.textContent = e.message;
        list.appendChild(li);
      }
      message.appendChild(list);
    }
  });
}

interface SchemeBase {
  id: string;
  baseVersion: number;
  definition: SchemeFigures & Record<string, unknown>;
}

/** The definition the form describes: the base version's, with the form's figures. */
function editedDefinition(form: HTMLFormElement, base: SchemeBase) {
  const d = structuredClone(base.definition);
  for (const input of form.querySelectorAll<HTMLInputElement>("input[name*=':']")) {
    const [kind, code, field] = input.name.split(":");
    const value = input.value.trim() === "" ? Number.NaN : Number(input.value);
    if (kind === "dim" && code && d.dimensions[code]) {
      (d.dimensions as Record<string, { weight: number }>)[code] = { weight: value };
    } else if (kind === "ind" && code && field && d.indicators[code]) {
      const row = { ...d.indicators[code] } as Record<string, number>;
      row[field] = value;
      (d.indicators as Record<string, unknown>)[code] = row;
    }
  }
  return d;
}

function renderChanges(
  target: HTMLElement,
  changes: ReturnType<typeof schemeChanges>,
  names: Record<string, string>,
  baseVersion: number,
) {
  target.replaceChildren();
  const title = document.createElement("h3");
  title.textContent =
    changes.length === 0
      ? `与第 ${baseVersion} 版相比没有变化`
      : `与第 ${baseVersion} 版相比，共 ${changes.length} 处变化：`;
  target.appendChild(title);
  if (changes.length === 0) return;
  const list = document.createElement("ul");
  list.className = "changes";
  list.dataset.testid = "preview-changes";
  for (const c of changes) {
    const li = document.createElement("li");
    li.dataset.code = c.code;
    li.dataset.field = c.field;
    const after = document.createElement("span");
    after.className = "after";
    after.textContent = c.after === null || Number.isNaN(c.after) ? "（空）" : String(c.after);
    li.appendChild(
      document.createTextNode(
        `${names[c.code] ?? c.code} ${SCHEME_FIELD_LABELS[c.field]}：${c.before ?? "—"} → `,
      ),
    );
    li.appendChild(after);
    list.appendChild(li);
  }
  target.appendChild(list);
}

function wireSchemeForm(form: HTMLFormElement) {
  const base = JSON.parse(
    document.getElementById("scheme-base")?.textContent ?? "null",
  ) as SchemeBase | null;
  if (!base) return;
  const names = JSON.parse(document.getElementById("scheme-names")?.textContent ?? "{}");
  const diff = form.querySelector<HTMLElement>("[data-testid=scheme-diff]");
  const message = form.querySelector<HTMLElement>("[data-testid=scheme-message]");
  const save = form.querySelector<HTMLButtonElement>("[data-testid=scheme-save]");
  const preview = form.querySelector<HTMLButtonElement>("[data-testid=scheme-preview]");
  if (!diff || !save || !preview) return;
  // Any edit after a preview asks for a new one: what is saved is always what was shown.
  form.addEventListener("input", () => {
    save.disabled = true;
    diff.replaceChildren();
    show(message, "", true);
  });
  preview.addEventListener("click", () => {
    if (!form.reportValidity()) return;
    const changes = schemeChanges(base.definition, editedDefinition(form, base));
    renderChanges(diff, changes, names, base.baseVersion);
    save.disabled = changes.length === 0;
    show(message, changes.length === 0 ? "没有变化，无需保存新版本" : "确认以上变化后保存", true);
  });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (save.disabled) return;
    const data = new FormData(form);
    save.disabled = true;
    show(message, "正在保存…", true);
    const res = await postJson("/api/v1/schemes", {
      id: base.id,
      name: String(data.get("name") ?? "").trim(),
      validFromYear: Number(data.get("validFromYear")),
      definition: editedDefinition(form, base),
    }).catch(() => null);
    if (res?.ok) {
      const body = (await res.json()) as { created: { version: number } };
      show(message, `已保存为 ${base.id} 第 ${body.created.version} 版`, true);
      location.reload();
      return;
    }
    save.disabled = false;
    show(message, res ? await problemText(res) : "网络错误，请重试", false);
  });
}

/** Wires the setup pages' forms when the page has them. */
export function wireSetupActions(): void {
  for (const f of document.querySelectorAll<HTMLFormElement>("[data-testid=facts-form]")) {
    wireFactsForm(f);
  }
  for (const f of document.querySelectorAll<HTMLFormElement>("[data-testid=import-form]")) {
    wireImportForm(f);
  }
  for (const f of document.querySelectorAll<HTMLFormElement>("[data-testid=scheme-form]")) {
    wireSchemeForm(f);
  }
}
