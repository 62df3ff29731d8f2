import { DashboardShell, PageHead } from "../components/dashboard-shell.tsx";
import { SortableHead } from "../components/sortable-head.tsx";
import type { DataQualityView, PeriodStateView, ScriptFiles } from "./dashboard-model.ts";

/**
 * For a closed quarter: the findings describe the data as it is now (live), not the official
 * figures frozen at close, and how many of the quarter's cases arrived or changed since.
 */
function ClosedNote(props: { state: PeriodStateView }) {
  const s = props.state;
  if (s.status === "live" && !s.closed) return null;
  const version = s.status === "closed" ? s.version : s.closed!.version;
  return (
    <p class="small closed-note" data-testid="dq-closed-note">
      本季度已关账（正式数据第 {version} 版）。以下检查针对当前的实时数据
      {s.status === "closed"
        ? s.lateCases > 0
          ? `，其中关账后新到或变更的工单 ${s.lateCases} 件未计入正式数据`
          : "，关账后没有新到或变更的工单"
        : ""}
      ；正式数据不因这些问题改变，如需更正请管理员重新开账。
    </p>
  );
}

/** The data-quality findings of a unit's subtree for a quarter. */
export function DataQualityPage(props: { view: DataQualityView; scripts: ScriptFiles }) {
  const v = props.view;
  const path = `/dashboard/${encodeURIComponent(v.unit.code)}/data-quality`;
  return (
    <DashboardShell
      title={`数据质量 · ${v.unit.name}`}
      nav={v.nav}
      scripts={[props.scripts.dashboard]}
    >
      <PageHead ctx={v} title={`数据质量问题 · ${v.unit.name} · ${v.periodLabel}`} path={path} />
      <section class="card" aria-labelledby="dq-h">
        <h2 id="dq-h">数据质量问题（{v.available ? `${v.findings.length} 项` : "暂不可用"}）</h2>
        {!v.available ? <div class="slot">数据质量检查尚未启用。</div> : null}
        <ClosedNote state={v.periodState} />
        {v.available && v.byRule.length > 0 ? (
          <p class="legend" data-testid="findings-by-rule">
            {v.byRule.map((r) => (
              <span>
                {r.ruleLabel} <strong>{r.count}</strong> 项
              </span>
            ))}
          </p>
        ) : null}
        {!v.available ? null : v.findings.length === 0 ? (
          <p class="muted">本季度未发现数据质量问题。</p>
        ) : (
          <div class="tablewrap">
            <table class="matrix redtable" data-testid="findings-table" data-sortable="true">
              <SortableHead
                columns={[
                  { label: "单位", type: "text" },
                  { label: "规则", type: "text" },
                  { label: "数据项", type: "text" },
                  { label: "严重程度", type: "text" },
                  { label: "说明", type: "text" },
                ]}
              />
              <tbody>
                {v.findings.map((f) => (
                  <tr data-testid="finding-row">
                    <th scope="row" data-sort={`${f.place ?? ""}${f.unitName ?? ""}`}>
                      {f.place ? (
                        <span class="small muted" data-testid="finding-place">
                          {f.place} ›{" "}
                        </span>
                      ) : null}
                      {f.unitName ?? "（数据来源）"}{" "}
                      <span class="small muted">{f.unitCode ?? ""}</span>
                    </th>
                    <td data-sort={f.rule}>{f.ruleLabel}</td>
                    <td>{f.figure ?? "—"}</td>
                    <td
                      data-sort={String(["high", "medium", "low"].indexOf(f.severity))}
                      class={
                        f.severity === "high"
                          ? "st-red"
                          : f.severity === "medium"
                            ? "st-amber"
                            : "st-none"
                      }
                    >
                      {f.severityLabel}
                    </td>
                    <td style="white-space:normal;text-align:left">
                      {f.message}
                      {f.href ? (
                        <>
                          {" "}
                          <a href={f.href} data-testid="finding-act">
                            去核查
                          </a>
                        </>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </DashboardShell>
  );
}
