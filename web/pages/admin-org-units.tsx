import { raw } from "hono/html";
import { formatNumber } from "../../shapes/format.ts";
import { DashboardShell } from "../components/dashboard-shell.tsx";
import { SETUP_CSS, SetupHead } from "../components/setup-head.tsx";
import type { FactsEditView, OrgUnitsView, UnitRowView } from "./admin-setup-model.ts";
import type { ScriptFiles } from "./dashboard-model.ts";

const num = (n: number | null) => formatNumber(n, 0);

function FactsForm(props: { edit: FactsEditView }) {
  const e = props.edit;
  return (
    <form
      class="setup-form"
      data-testid="facts-form"
      data-unit={JSON.stringify({
        code: e.code,
        name: e.name,
        level: e.level,
        parentCode: e.parentCode,
        urban: e.urban,
      })}
    >
      <div class="fields3">
        <label>
          年份
          <input type="number" name="year" min={2000} max={2100} step={1} required value={e.year} />
        </label>
        <label>
          常住人口
          <input
            type="number"
            name="population"
            min={0}
            step={1}
            value={e.population ?? ""}
            data-testid="facts-population"
          />
        </label>
        <label>
          户数
          <input type="number" name="households" min={0} step={1} value={e.households ?? ""} />
        </label>
      </div>
      <p class="small muted">
        留空表示该年没有此项数据。保存后记入审计日志；人口用于每万人指标的计算。
      </p>
      <div class="buttons">
        <button type="submit" data-testid="facts-save">
          保存年度数据
        </button>
      </div>
      <p class="small msg" role="status" aria-live="polite" data-testid="facts-message" />
    </form>
  );
}

function ImportForm() {
  return (
    <section class="card" aria-labelledby="import-h">
      <h2 id="import-h">从表格导入</h2>
      <p class="small">
        XLSX（第一个工作表）或 CSV，第 1
        行为表头：编码、名称、层级（区、县、街道、乡镇、社区、村、网格）、上级编码，可选城乡（城市/农村）、年份、常住人口、户数；同一单位多个年份各占一行。已有编码的单位会被更新。整个文件检查无误才写入，有问题时列出所在行，什么也不写入。
      </p>
      <form class="setup-form" data-testid="import-form">
        <label>
          选择文件
          <input type="file" name="file" accept=".xlsx,.csv" required data-testid="import-file" />
        </label>
        <div class="buttons">
          <button type="submit" data-testid="import-submit">
            导入
          </button>
        </div>
        <div class="small msg" role="status" aria-live="polite" data-testid="import-message" />
      </form>
    </section>
  );
}

function ChildRows(props: { rows: UnitRowView[] }) {
  return (
    <table class="setup-table stack" data-testid="children">
      <thead>
        <tr>
          <th scope="col">单位</th>
          <th scope="col">层级</th>
          <th scope="col">城乡</th>
          <th scope="col" class="num">
            常住人口
          </th>
          <th scope="col" class="num">
            户数
          </th>
          <th scope="col" class="num">
            下级单位
          </th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((r) => (
          <tr data-code={r.code}>
            <td>
              <a href={r.href} data-testid="child-link">
                {r.name}
              </a>{" "}
              <span class="small muted">{r.code}</span>
            </td>
            <td data-label="层级">{r.levelLabel}</td>
            <td data-label="城乡">{r.urbanLabel}</td>
            <td class="num" data-label="常住人口" data-value={r.population ?? ""}>
              {num(r.population)}
              {r.factsYear ? <span class="small muted">（{r.factsYear}）</span> : null}
            </td>
            <td class="num" data-label="户数">
              {num(r.households)}
            </td>
            <td class="num" data-label="下级单位">
              {r.children}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** /admin/org-units: browse the administrator's subtree, a unit's yearly facts and its children. */
export function OrgUnitsPage(props: { view: OrgUnitsView; scripts: ScriptFiles }) {
  const v = props.view;
  const u = v.unit;
  return (
    <DashboardShell
      title={u ? `组织架构 · ${u.name}` : "组织架构"}
      nav={v.nav}
      scripts={[props.scripts.dashboard]}
    >
      <style>{raw(SETUP_CSS)}</style>
      <SetupHead section="org-units" title="组织架构" scopeName={v.scopeName} />
      <nav class="crumbs" aria-label="单位层级">
        <ol>
          {v.crumbs.map((c, i) => (
            <li>
              {i === v.crumbs.length - 1 ? (
                <span aria-current="location" data-testid="unit-crumb-current">
                  {c.name}
                </span>
              ) : (
                <a href={c.href} data-testid="unit-crumb">
                  {c.name}
                </a>
              )}
            </li>
          ))}
        </ol>
      </nav>
      {u ? (
        <section class="card" data-testid="unit" data-code={u.code}>
          <h2>
            {u.name} <span class="small muted">{u.code}</span>
          </h2>
          <p class="small">
            {u.levelLabel} · {u.urbanLabel}
            {u.parentName ? ` · 上级：${u.parentName}` : ""} · 下级单位 {u.children} 个
          </p>
          <h3>年度基础数据</h3>
          {v.years.length === 0 ? (
            <p class="small muted" data-testid="no-years">
              尚无年度数据。
            </p>
          ) : (
            <table class="setup-table" data-testid="years">
              <thead>
                <tr>
                  <th scope="col">年份</th>
                  <th scope="col" class="num">
                    常住人口
                  </th>
                  <th scope="col" class="num">
                    户数
                  </th>
                </tr>
              </thead>
              <tbody>
                {v.years.map((y) => (
                  <tr data-year={y.year}>
                    <td>{y.year}</td>
                    <td class="num" data-value={y.population ?? ""}>
                      {num(y.population)}
                    </td>
                    <td class="num" data-value={y.households ?? ""}>
                      {num(y.households)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {v.edit ? <FactsForm edit={v.edit} /> : null}
          {v.editNote ? (
            <p class="small muted" data-testid="edit-note">
              {v.editNote}
            </p>
          ) : null}
        </section>
      ) : null}
      <section class="card">
        <h2>{u ? "下级单位" : "顶层单位"}</h2>
        {v.children.length === 0 ? (
          <p class="small muted">没有下级单位。</p>
        ) : (
          <ChildRows rows={v.children} />
        )}
      </section>
      <ImportForm />
    </DashboardShell>
  );
}
