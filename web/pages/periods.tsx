import { formatInstant, periodLabel } from "../../shapes/format.ts";
import { shanghaiDate } from "../../shapes/periods.ts";
import { DashboardShell } from "../components/dashboard-shell.tsx";
import type { NavView, ScriptFiles } from "./dashboard-model.ts";

/** One closing of a quarter, as the page lists it. */
export interface ClosingRowView {
  version: number;
  closedAt: string;
  closedBy: string;
  units: number;
  reopenedAt: string | null;
  reopenedBy: string | null;
  reopenReason: string | null;
}

/** One quarter on the closing page. */
export interface PeriodRowView {
  period: string;
  status: "open" | "closed";
  ended: boolean;
  /** When the quarter ends (ISO): closing is possible from then on. */
  endsAt: string;
  returnsDueAt: string;
  version: number | null;
  closings: ClosingRowView[];
}

export interface PeriodsView {
  nav: NavView;
  periods: PeriodRowView[];
  returnsDueDay: number;
}

/** The day before an exclusive end instant, Asia/Shanghai: the last day something counts. */
function lastDay(iso: string): string {
  return shanghaiDate(new Date(new Date(iso).getTime() - 1).toISOString());
}

function StatusCell(props: { row: PeriodRowView }) {
  const r = props.row;
  if (r.status === "closed") {
    return (
      <span class="pill st-closed" data-testid="period-status" data-status="closed">
        已关账 · 第 {r.version} 版
      </span>
    );
  }
  return r.ended ? (
    <span class="pill st-none" data-testid="period-status" data-status="open">
      未关账
    </span>
  ) : (
    <span class="pill st-live" data-testid="period-status" data-status="running">
      进行中
    </span>
  );
}

function Actions(props: { row: PeriodRowView }) {
  const r = props.row;
  const label = periodLabel(r.period);
  if (r.status === "closed") {
    return (
      <form class="period-form" data-period-action="reopen" data-period={r.period}>
        <label for={`reason-${r.period}`}>重新开账原因（必填，审计留痕）</label>
        <textarea
          id={`reason-${r.period}`}
          name="reason"
          required
          maxlength={500}
          placeholder="例如：街道补报回访数据，经区领导批准"
        />
        <button type="submit" class="secondary">
          重新开账 {label}
        </button>
      </form>
    );
  }
  if (!r.ended) {
    return <span class="small muted">{lastDay(r.endsAt)} 季度结束后可关账</span>;
  }
  return (
    <form class="period-form" data-period-action="close" data-period={r.period}>
      <label class="small">
        <input type="checkbox" name="confirm" required />{" "}
        我已了解：关账后正式数据冻结，本季度填报和核减申请不再接受
      </label>
      <button type="submit">关账 {label}</button>
    </form>
  );
}

function History(props: { closings: ClosingRowView[] }) {
  if (props.closings.length === 0) return <span class="small muted">尚未关账</span>;
  return (
    <ul class="small" style="margin:0;padding-left:18px">
      {props.closings.map((c) => (
        <li data-testid="closing">
          第 {c.version} 版：{formatInstant(c.closedAt)} 由 {c.closedBy} 关账，{c.units} 个单位
          {c.reopenedAt ? (
            <>
              ；{formatInstant(c.reopenedAt)} 由 {c.reopenedBy} 重新开账，原因：{c.reopenReason}
            </>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** /admin/periods: each quarter's state, closing and reopening (administrator of the whole tree). */
export function PeriodsPage(props: { view: PeriodsView; scripts: ScriptFiles }) {
  const v = props.view;
  return (
    <DashboardShell title="季度关账" nav={v.nav} scripts={[props.scripts.dashboard]}>
      <h1 data-testid="page-title">季度关账</h1>
      <section class="card closing-help" data-testid="closing-help">
        <h2>关账会做什么</h2>
        <ul>
          <li>
            <strong>冻结正式数据</strong>
            ：保存每个单位当时的全部指标值、得分、等级和排名，作为该季度的正式数据（第 1 版、第 2
            版……）。此后驾驶舱、接口和评估报告都以正式数据为准，新发布的报告随时重新生成结果都一样。
          </li>
          <li>
            <strong>开启整改</strong>
            ：正式数据中每个街道、社区的红色指标各生成一项整改任务，期限 30
            天（以指标方案为准），由上级单位验收销号；重新关账不会重复生成。
          </li>
          <li>
            <strong>之后的数据标记为迟到</strong>
            ：关账后不再接受该季度的季度填报和核减申请；平台新到的该季度工单照常保存，在驾驶舱注明“关账后新到
            N 件”，不改变正式数据。
          </li>
          <li>
            季度结束后才能关账。季度填报截止为季度结束后第 {v.returnsDueDay}{" "}
            天，逾期填报照常保存并标记“迟报”。
          </li>
          <li>
            如需更正，可填写原因重新开账（全程记入审计日志）；再次关账生成新版本，旧版本仍可查阅。
          </li>
        </ul>
      </section>
      <section class="card">
        <h2>各季度状态</h2>
        <p class="small" role="status" aria-live="polite" data-testid="period-message" />
        <table class="periods-table" data-testid="periods">
          <thead>
            <tr>
              <th scope="col">季度</th>
              <th scope="col">状态</th>
              <th scope="col">关账记录</th>
              <th scope="col">操作</th>
            </tr>
          </thead>
          <tbody>
            {v.periods.map((r) => (
              <tr data-period={r.period}>
                <td>
                  <strong>{periodLabel(r.period)}</strong>
                  <div class="small muted">填报截止 {lastDay(r.returnsDueAt)}</div>
                </td>
                <td>
                  <StatusCell row={r} />
                </td>
                <td>
                  <History closings={r.closings} />
                </td>
                <td>
                  <Actions row={r} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </DashboardShell>
  );
}
