import { shanghaiDate } from "../../shapes/periods.ts";
import type { PeriodStateView } from "../pages/dashboard-model.ts";

/**
 * Beside the quarter on every dashboard page: 已关账 (official figures, with the closing's version
 * and date, how many of the quarter's cases arrived since, and a link to the live figures) or 实时
 * (live figures that still move; for a closed quarter asked live, a link back to the official ones).
 */
export function PeriodBadge(props: { state: PeriodStateView }) {
  const s = props.state;
  if (s.status === "live") {
    return (
      <p class="period-state" data-testid="period-state" data-status="live">
        <span class="pill st-live">实时</span>
        {s.closed ? (
          <span class="small">
            本季度已于 {shanghaiDate(s.closed.closedAt)} 关账，此处为实时数据，与正式数据可能不同；
            <a href={s.closed.href} data-testid="official-link">
              查看正式数据（第 {s.closed.version} 版）
            </a>
          </span>
        ) : (
          <span class="small muted">实时数据，随新数据变化；季度关账后以正式数据为准</span>
        )}
      </p>
    );
  }
  return (
    <p
      class="period-state"
      data-testid="period-state"
      data-status="closed"
      data-version={s.version}
      data-late={s.lateCases}
    >
      <span class="pill st-closed">已关账</span>
      <span class="small">
        正式数据 第 {s.version} 版 · {shanghaiDate(s.closedAt)} 关账
        {s.reopenedAt ? ` · ${shanghaiDate(s.reopenedAt)} 已重新开账` : ""}
      </span>
      {s.lateCases > 0 ? (
        <span class="small late-note" data-testid="late-cases">
          关账后新到或变更 {s.lateCases} 件工单，未计入正式数据
        </span>
      ) : null}
      <a class="small" href={s.liveHref} data-testid="live-link">
        查看实时数据
      </a>
    </p>
  );
}
