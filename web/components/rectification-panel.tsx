import type { RectificationPanelView } from "../pages/rectification-model.ts";

/** The overview's 整改情况 panel: counts of the subtree's tasks and the recovery rate. */
export function RectificationPanel(props: { panel: RectificationPanelView }) {
  const p = props.panel;
  const num = (label: string, value: number | string, key: string, bad = false) => (
    <div class={bad ? "bad" : ""} data-testid={`rect-${key}`} data-value={String(value)}>
      {label}
      <b>{value}</b>
    </div>
  );
  return (
    <section class="card panel-rect" aria-labelledby="rect-h" data-testid="rect-panel">
      <h2 id="rect-h">整改情况</h2>
      <div class="nums">
        {num("整改中", p.open, "open")}
        {num("已逾期", p.overdue, "overdue", p.overdue > 0)}
        {num("待验收", p.submitted, "submitted")}
        {num("本季度销号", p.verifiedThisQuarter, "verified")}
        {num("即将到期", p.dueSoon, "due-soon", p.dueSoon > 0)}
        {num("指标恢复率", p.recoveryRate, "recovery")}
      </div>
      <p class="small" style="margin:0">
        <a href={p.ledgerHref} data-testid="rect-ledger">
          查看整改台账 ›
        </a>
      </p>
    </section>
  );
}
