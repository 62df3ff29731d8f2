/** Styles of the scoring page and the dashboard's total card (on top of the dashboard's). */
export const ASSESSMENT_CSS = `
.assess-grid { display: grid; gap: 12px; }
@media (min-width: 1000px) { .assess-grid { grid-template-columns: minmax(0, 5fr) minmax(0, 6fr); align-items: start; } }
.assess-ind { width: 100%; border-collapse: collapse; font-size: 13px; }
.assess-ind th, .assess-ind td { padding: 5px 6px; border-bottom: 1px solid var(--line); text-align: left; }
.assess-ind .num { text-align: right; white-space: nowrap; }
.scroll { overflow-x: auto; }
.assess-item { display: grid; gap: 4px; padding: 8px 0; border-bottom: 1px solid var(--line); }
.assess-item:last-child { border-bottom: 0; }
.assess-item label { font-weight: 600; display: flex; flex-wrap: wrap; gap: 4px 6px; align-items: baseline; }
.assess-form input[type=number] { width: 8em; font: inherit; font-size: 16px; padding: 8px; border: 1px solid #7b8794; border-radius: 4px; }
.assess-form textarea { width: 100%; font: inherit; font-size: 16px; padding: 8px; border: 1px solid #7b8794; border-radius: 4px; box-sizing: border-box; }
.assess-form :disabled { background: #f5f7fa; color: #3e4c59; }
.assess-state { display: flex; flex-wrap: wrap; gap: 8px; align-items: baseline; margin-bottom: 6px; }
.assess-state .pill { font-size: 14px; padding: 2px 10px; }
.assess-totals { display: grid; grid-template-columns: repeat(2, max-content 1fr); gap: 4px 12px; margin: 6px 0; }
.assess-totals dt { color: var(--muted); }
.assess-totals dd { margin: 0; font-weight: 600; }
@media (min-width: 700px) { .assess-totals { grid-template-columns: repeat(4, max-content 1fr); } }
.total-legend { font-size: 12px; color: var(--muted); margin: 6px 0 0; padding-left: 18px; }
.total-legend li { margin: 2px 0; }
.total-big { font-size: 30px; font-weight: 700; }
`;
