import { raw } from "hono/html";
import { formatInstant } from "../../shapes/format.ts";
import { SCHEME_FIELD_LABELS, type SchemeChange } from "../../shapes/scheme-diff.ts";
import { DashboardShell } from "../components/dashboard-shell.tsx";
import { SETUP_CSS, SetupHead } from "../components/setup-head.tsx";
import type { SchemesView } from "./admin-setup-model.ts";
import { scriptJson } from "./dashboard.tsx";
import type { ScriptFiles } from "./dashboard-model.ts";

const shown = (n: number | null) => (n === null ? "—" : String(n));

/** A list of changed figures: "G1 主动发现率 权重：10 → 12". */
export function ChangeList(props: { changes: SchemeChange[]; names: Record<string, string> }) {
  if (props.changes.length === 0)
    return <p class="small muted">与上一版本相比，权重和目标值没有变化。</p>;
  return (
    <ul class="changes" data-testid="changes">
      {props.changes.map((c) => (
        <li data-code={c.code} data-field={c.field}>
          {props.names[c.code] ?? c.code} {SCHEME_FIELD_LABELS[c.field]}：{shown(c.before)} →{" "}
          <span class="after">{shown(c.after)}</span>
        </li>
      ))}
    </ul>
  );
}

function NewVersionForm(props: { form: NonNullable<SchemesView["form"]> }) {
  const f = props.form;
  const input = (name: string, value: number, label: string) => (
    <label>
      {label}
      <input type="number" name={name} value={value} data-before={value} step="any" required />
    </label>
  );
  return (
    <section class="card" aria-labelledby="new-h">
      <h2 id="new-h">
        从第 {f.baseVersion} 版新建 {f.id} 的下一版本
      </h2>
      <p class="small muted">
        表中已填入第 {f.baseVersion}{" "}
        版的数值。修改后先“预览变化”，确认无误再保存；版本保存后不能修改，已关账季度和已发布报告所在年份的结果不会被改写。
      </p>
      <form class="setup-form" data-testid="scheme-form" data-scheme={f.id}>
        <script type="application/json" id="scheme-base">
          {raw(scriptJson({ id: f.id, baseVersion: f.baseVersion, definition: f.baseDefinition }))}
        </script>
        <div class="fields3">
          <label style="grid-column: span 2">
            版本名称
            <input type="text" name="name" value={f.name} maxlength={200} required />
          </label>
          <label>
            自哪一年起生效
            <input
              type="number"
              name="validFromYear"
              value={f.validFromYear}
              min={2000}
              max={2100}
              step={1}
              required
            />
          </label>
        </div>
        <fieldset>
          <legend>维度权重</legend>
          <div class="fields3">
            {f.dimensions.map((d) => input(`dim:${d.code}`, d.weight, d.name))}
          </div>
        </fieldset>
        <div class="ind-grid">
          {f.indicators.map((r) => (
            <fieldset data-code={r.code}>
              <legend>
                {r.code} {r.name}
              </legend>
              <p class="small muted" style="margin:0 0 4px">
                {r.dimension} · 单位 {r.unit || "—"} ·{" "}
                {r.direction === "up" ? "越高越好" : "越低越好"}
              </p>
              <div class="fields3">
                {input(`ind:${r.code}:target`, r.target, "目标值")}
                {input(`ind:${r.code}:floor`, r.floor, "底线值")}
                {input(`ind:${r.code}:weight`, r.weight, "权重")}
              </div>
            </fieldset>
          ))}
        </div>
        <div class="buttons">
          <button type="button" class="secondary" data-testid="scheme-preview">
            预览变化
          </button>
          <button type="submit" data-testid="scheme-save" disabled>
            保存为新版本
          </button>
        </div>
        <div data-testid="scheme-diff" aria-live="polite" />
        <p class="small msg" role="status" aria-live="polite" data-testid="scheme-message" />
      </form>
    </section>
  );
}

/** /admin/schemes: the versions of each scheme with their changes, and the next version's form. */
export function SchemesPage(props: { view: SchemesView; scripts: ScriptFiles }) {
  const v = props.view;
  return (
    <DashboardShell title="考核方案" nav={v.nav} scripts={[props.scripts.dashboard]}>
      <style>{raw(SETUP_CSS)}</style>
      <SetupHead section="schemes" title="考核方案" scopeName={v.scopeName} />
      <script type="application/json" id="scheme-names">
        {raw(scriptJson(v.names))}
      </script>
      <section class="card" aria-labelledby="versions-h">
        <h2 id="versions-h">方案版本</h2>
        <p class="small muted">
          每年的结果使用生效年份不晚于该年、且生效年份最晚的版本（同年生效取版本号最大的）。
        </p>
        <ol class="versions" reversed style="padding-left:0;list-style:none">
          {v.versions.map((s) => (
            <li class="card" data-testid="scheme-version" data-id={s.id} data-version={s.version}>
              <h3>
                {s.name} · {s.id} 第 {s.version} 版
              </h3>
              <p class="small">
                自 {s.validFromYear} 年起生效 · {s.createdBy ?? "系统"} 于{" "}
                {formatInstant(s.createdAt)} 创建
              </p>
              {s.changes === null ? (
                <p class="small muted">首个版本。</p>
              ) : (
                <ChangeList changes={s.changes} names={v.names} />
              )}
            </li>
          ))}
        </ol>
      </section>
      {v.form ? <NewVersionForm form={v.form} /> : null}
      {v.formNote ? (
        <p class="card small" data-testid="form-note">
          {v.formNote}
        </p>
      ) : null}
    </DashboardShell>
  );
}
