/**
 * The task-status pills (整改中, 待验收, 已销号, 已逾期), on every dashboard page: the red-items
 * table and the overview's panel (styled here too) show them.
 */
export const TASK_STATE_CSS = `
.st-open { background: #fff3c4; color: #8d2b0b; }
.st-submitted { background: #dceefb; color: #0b4f71; }
.st-verified { background: #c6f7e2; color: #014d40; }
.st-overdue { background: #cf1124; color: #fff; }
table.matrix td.taskcell { text-align: left; white-space: normal; min-width: 11em; }
table.matrix td.taskcell a.pill { text-decoration: none; }
.panel-rect .nums { display: grid; grid-template-columns: repeat(auto-fit, minmax(110px, 1fr)); gap: 6px 12px; margin: 4px 0 8px; }
.panel-rect .nums div { font-size: 12px; color: var(--muted); }
.panel-rect .nums b { display: block; font-size: 22px; color: var(--ink); }
.panel-rect .nums .bad b { color: #ab091e; }
`;

/** Styles of the rectification pages (on top of the dashboard's and the appeals' forms). Phone first. */
export const RECTIFICATION_CSS = `
.pill.soon { background: #fff; color: #8d2b0b; border: 1px solid #f0b429; }
.alerts { display: inline-flex; flex-wrap: wrap; gap: 6px; align-items: center; text-decoration: none; font-size: 13px; }
.alerts .pill { font-size: 13px; padding: 2px 10px; }
.tasklist { list-style: none; margin: 0; padding: 0; display: grid; gap: 8px; grid-template-columns: repeat(auto-fill, minmax(360px, 1fr)); }
.tasklist li { margin: 0; }
.taskcard { display: block; border: 1px solid var(--line); border-left: 5px solid #9aa5b1; border-radius: 6px; padding: 10px 12px; background: #fff; color: inherit; text-decoration: none; }
.taskcard:hover, .taskcard:focus-visible { border-color: #0b69a3; }
.taskcard.overdue { border-left-color: #cf1124; }
.taskcard.open { border-left-color: #f0b429; }
.taskcard.submitted { border-left-color: #2bb0ed; }
.taskcard.verified { border-left-color: #3ebd93; }
.taskcard .top { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 4px 8px; align-items: baseline; }
.taskcard .badges { display: inline-flex; flex-wrap: wrap; gap: 4px; }
.taskcard .ind .flag { white-space: nowrap; }
.taskcard .ind { font-weight: 700; font-size: 15px; }
.taskcard .meta { font-size: 12px; color: var(--muted); display: flex; flex-wrap: wrap; gap: 2px 10px; margin-top: 4px; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 12px; margin: 6px 0; font-size: 14px; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; overflow-wrap: anywhere; }
.trend { display: flex; flex-wrap: wrap; gap: 6px; list-style: none; padding: 0; margin: 6px 0; }
.trend li { border: 1px solid var(--line); border-radius: 6px; padding: 4px 8px; font-size: 13px; min-width: 92px; }
.trend .v { font-weight: 700; font-size: 15px; display: block; }
.events { list-style: none; padding: 0; margin: 0; font-size: 13px; }
.events li { border-bottom: 1px solid var(--line); padding: 6px 0; }
.events .who { color: var(--muted); font-size: 12px; }
.taskform { display: grid; gap: 8px; max-width: 760px; }
.taskform label { font-weight: 600; }
.taskform textarea, .taskform input[type=file], .taskform input[type=date] {
  width: 100%; font: inherit; font-size: 16px; padding: 8px; border: 1px solid #7b8794; border-radius: 4px; box-sizing: border-box; }
.taskform .buttons { display: flex; gap: 8px; flex-wrap: wrap; }
.taskform .hint { font-size: 12px; color: var(--muted); font-weight: 400; }
table.matrix.ledger th, table.matrix.ledger td { text-align: left; }
.counts { display: flex; flex-wrap: wrap; gap: 6px; margin: 0; }
.counts .pill { font-size: 13px; padding: 2px 10px; }
.pill.zero { background: #f0f4f8; color: var(--muted); }
@media (max-width: 760px) {
  .tasklist { grid-template-columns: 1fr; }
  /* The ledger's rows stack as cards on a phone, each cell under its label. */
  table.matrix.ledger, table.matrix.ledger tbody, table.matrix.ledger tr { display: block; white-space: normal; }
  table.matrix.ledger thead { display: none; }
  table.matrix.ledger tr { border-bottom: 1px solid var(--line); padding: 6px 0; }
  table.matrix.ledger th, table.matrix.ledger td { display: flex; gap: 8px; position: static; padding: 2px 0; }
  table.matrix.ledger td::before { content: attr(data-label); color: var(--muted); min-width: 6em; flex: none; }
  .facts { grid-template-columns: 1fr; gap: 0; }
  .facts dd { margin-bottom: 6px; }
}
`;
