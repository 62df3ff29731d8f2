/**
 * Styles of the dashboard pages, on top of the layout's base styles. Colours come from the shared
 * palette (shapes/theme.ts). Desktop target 1366×768, phone 390×844: one column under 760 px.
 */
import { GRADE_COLOURS, STATUS_COLOURS } from "../../shapes/theme.ts";
import { TASK_STATE_CSS } from "./rectification-css.ts";

const statusRules = (["green", "amber", "red", "none"] as const)
  .map((s) => {
    const c = STATUS_COLOURS[s];
    return `.st-${s} { background: ${c.fill}; color: ${c.text}; }
.dot-${s} { background: ${c.solid}; }
.card.ind.st-${s} { border-left: 5px solid ${c.solid}; background: #fff; color: inherit; }`;
  })
  .join("\n");

const gradeRules = (["excellent", "good", "pass", "fail", "none"] as const)
  .map((g) => {
    const c = GRADE_COLOURS[g];
    return `.gr-${g} { background: ${c.fill}; color: ${c.text}; border-color: ${c.solid}; }`;
  })
  .join("\n");

/** The dashboard style sheet (added to the layout's base styles by the dashboard shell). */
export const DASHBOARD_CSS = `${TASK_STATE_CSS}
body { font-size: 14px; }
.skip { position: absolute; left: -9999px; top: 0; background: #fff; padding: 8px 12px; z-index: 10; }
.skip:focus { left: 8px; top: 8px; }
.topbar { background: var(--brand); color: #fff; padding: 8px 20px; display: flex; flex-wrap: wrap;
  align-items: center; gap: 8px 20px; }
.topbar .brand { font-size: 17px; font-weight: 700; color: #fff; text-decoration: none; margin-right: 8px; }
.topbar nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: 4px; margin: 0; padding: 0; }
.topbar nav a { color: #fff; text-decoration: none; padding: 6px 10px; border-radius: 4px; display: inline-block; }
.topbar nav a[aria-current="page"] { background: rgba(0,0,0,.28); font-weight: 700; }
.topbar nav a:hover { background: rgba(0,0,0,.18); }
.topbar .who { margin-left: auto; display: flex; align-items: center; gap: 10px; font-size: 13px; }
.topbar .who button { background: transparent; color: #fff; border: 1px solid rgba(255,255,255,.7);
  border-radius: 4px; padding: 4px 10px; cursor: pointer; font: inherit; }
.topbar a:focus-visible, .topbar button:focus-visible { outline: 3px solid #ffd43b; outline-offset: 2px; }
main.dash { max-width: 1340px; margin: 12px auto; padding: 0 16px; }
.pagehead { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 16px; margin-bottom: 10px; }
.pagehead h1 { font-size: 20px; margin: 0; }
.crumbs ol { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 4px; font-size: 13px; }
.crumbs li + li::before { content: "›"; margin: 0 4px; color: var(--muted); }
.admin-scope { margin: 0 0 10px; color: var(--muted); }
.periodnav { display: flex; align-items: center; gap: 6px; margin-left: auto; }
.periodnav select, .periodnav button, .btn { font: inherit; padding: 4px 8px; border: 1px solid #9aa5b1;
  border-radius: 4px; background: #fff; color: var(--ink); }
.periodnav a { padding: 4px 6px; }
.periodnav { flex-wrap: wrap; }
.periodnav a, .periodnav button, .periodnav label { white-space: nowrap; }
.periodnav select { max-width: 100%; }
.btn { cursor: pointer; } .btn:disabled { opacity: .6; cursor: progress; }
.btn-link { font: inherit; border: 0; background: none; color: var(--blue, #1565c0); padding: 0; cursor: pointer; text-decoration: underline; }
.report-actions { margin: 6px 0; }
.grid-top { display: grid; grid-template-columns: minmax(250px, 1fr) minmax(300px, 1.2fr) minmax(340px, 1.6fr); gap: 12px; }
.stack { display: grid; gap: 12px; align-content: start; min-width: 0; }
.grid-3 { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 12px; }
.grid-2 { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1.4fr); gap: 12px; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; margin-bottom: 12px; min-width: 0; }
.card h2 { font-size: 15px; margin: 0 0 8px; }
.card h3 { font-size: 14px; margin: 0 0 6px; }
.bigindex { font-size: 44px; font-weight: 700; line-height: 1.1; }
.grade { display: inline-block; border: 1px solid; border-radius: 4px; padding: 1px 8px; font-weight: 700; font-size: 14px; }
.cmp { display: grid; grid-template-columns: auto 1fr; gap: 2px 10px; margin-top: 8px; font-size: 13px; }
.better { color: ${STATUS_COLOURS.green.text}; }
.worse { color: ${STATUS_COLOURS.red.text}; }
.same { color: var(--muted); }
.flag { display: inline-block; font-size: 12px; border-radius: 3px; padding: 0 5px; margin-left: 4px;
  background: #fff4d6; color: #7a4a00; border: 1px solid #c27c00; white-space: nowrap; }
.chart { width: 100%; height: 260px; }
.chart-off { display: flex; align-items: center; justify-content: center; color: var(--muted); }
.dims { list-style: none; margin: 6px 0 0; padding: 0; display: grid; grid-template-columns: 1fr 1fr; gap: 2px 12px; font-size: 13px; }
.dimgroup { margin-bottom: 6px; }
.dimgroup > h3 { font-size: 14px; margin: 8px 0 6px; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(230px, 1fr)); gap: 10px; }
.card.ind { margin: 0; padding: 8px 10px; }
.ind .name { font-size: 13px; font-weight: 600; display: flex; justify-content: space-between; gap: 6px; }
.ind .name .pill { flex: none; align-self: flex-start; }
.ind .val { font-size: 22px; font-weight: 700; }
.ind .meta { font-size: 12px; color: var(--muted); display: flex; flex-wrap: wrap; gap: 2px 10px; }
.ind .spark { display: block; width: 100%; height: 28px; margin-top: 2px; }
.pill { display: inline-block; border-radius: 10px; padding: 0 8px; font-size: 12px; font-weight: 600; white-space: nowrap; }
.tablewrap { overflow-x: auto; max-width: 100%; }
table.matrix { font-size: 12px; white-space: nowrap; }
table.matrix th, table.matrix td { padding: 4px 6px; text-align: right; }
table.matrix th:first-child, table.matrix td:first-child { text-align: left; position: sticky; left: 0; background: #fff; z-index: 1; }
table.matrix thead th { background: #f0f4f8; position: sticky; top: 0; }
table.matrix th button { font: inherit; font-weight: 600; background: none; border: 0; padding: 2px; cursor: pointer; color: var(--ink); }
table.matrix th[aria-sort="ascending"] button::after { content: " ▲"; }
table.matrix th[aria-sort="descending"] button::after { content: " ▼"; }
table.list td, table.list th { font-size: 13px; }
.nowrap { white-space: nowrap; }
.toggle { position: absolute; opacity: 0; width: 1px; height: 1px; }
.togglelabel { display: inline-block; margin: 0 0 6px; padding: 2px 10px; border: 1px solid #9aa5b1; border-radius: 4px; cursor: pointer; background: #fff; }
.toggle:focus-visible + .togglelabel { outline: 2px solid var(--blue, #1565c0); }
.toggle:checked + .togglelabel::before { content: "✓ "; }
.childtable .indcol { display: none; }
.childcard:has(.toggle:checked) .childtable .indcol { display: table-cell; }
.childtable td[data-frac] { position: relative; cursor: help; }
.childtable td[data-frac]:focus { outline: 2px solid var(--blue, #1565c0); outline-offset: -2px; }
.childtable td[data-frac]:focus::after { content: attr(data-frac); position: absolute; right: 0; top: 100%; z-index: 3;
  background: #1f2933; color: #fff; padding: 4px 8px; border-radius: 4px; white-space: normal; width: 14em; text-align: left; font-size: 12px; }
.frac { margin: 4px 0 0; color: var(--muted); }
.frac summary { cursor: pointer; }
.reportlist td:last-child a, .reportlist td:last-child button { white-space: nowrap; margin-right: 6px; }
table.redtable th, table.redtable td { text-align: left; font-size: 13px; }
table.redtable td.num { text-align: right; }
.muted { color: var(--muted); }
.filters { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center; }
.filters select, .filters button { font: inherit; padding: 4px 8px; border: 1px solid #9aa5b1; border-radius: 4px; background: #fff; max-width: 100%; }
.pager { display: flex; gap: 16px; align-items: center; justify-content: center; margin-top: 10px; }
.exports { margin: 0 0 8px; }
.periodnote { color: #8a5a00; margin: .2rem 0 0; }
.small { font-size: 12px; }
.slot { border: 2px dashed #9aa5b1; border-radius: 6px; padding: 10px; color: var(--muted); }
.legend { display: flex; flex-wrap: wrap; gap: 4px 12px; font-size: 12px; margin: 4px 0; }
.legend .dot, .dot { display: inline-block; width: 10px; height: 10px; border-radius: 50%; margin-right: 4px; vertical-align: middle; }
.feed { list-style: none; margin: 0; padding: 0; }
.feed li { padding: 4px 0; border-bottom: 1px solid var(--line); }
a:focus-visible, button:focus-visible, select:focus-visible, input:focus-visible, [tabindex]:focus-visible {
  outline: 3px solid #1c7ed6; outline-offset: 2px; }
.login { max-width: 380px; margin: 64px auto; }
.login label { display: block; margin: 10px 0 4px; font-weight: 600; }
.login input { width: 100%; font: inherit; font-size: 16px; padding: 8px 10px; border: 1px solid #7b8794; border-radius: 4px; }
.login button { margin-top: 16px; width: 100%; font: inherit; font-size: 16px; padding: 10px; border: 0; border-radius: 4px;
  background: var(--brand); color: #fff; cursor: pointer; }
.error { color: ${STATUS_COLOURS.red.text}; background: ${STATUS_COLOURS.red.fill}; border-radius: 4px; padding: 6px 10px; }
${statusRules}
${gradeRules}
.period-state { margin: 4px 0 0; display: flex; flex-wrap: wrap; align-items: center; gap: 4px 10px; }
.st-closed { background: #1f3a5f; color: #fff; }
.st-live { background: #e6f4ea; color: #1e5631; border: 1px solid #1e5631; }
.late-note { color: ${STATUS_COLOURS.amber.text}; background: ${STATUS_COLOURS.amber.fill}; border-radius: 4px; padding: 0 6px; }
.periods-table td, .periods-table th { vertical-align: top; padding: 6px 8px; text-align: left; }
.periods-table { border-collapse: collapse; width: 100%; }
.periods-table tr + tr td { border-top: 1px solid var(--line); }
.period-form { display: grid; gap: 6px; margin: 0; }
.period-form textarea { font: inherit; width: 100%; min-height: 3.2em; padding: 6px; border: 1px solid #7b8794; border-radius: 4px; box-sizing: border-box; }
.period-form button { font: inherit; padding: 6px 12px; border: 0; border-radius: 4px; background: var(--brand); color: #fff; cursor: pointer; justify-self: start; }
.period-form button.secondary { background: #fff; color: var(--brand); border: 1px solid var(--brand); }
.closing-help li { margin: 2px 0; }
@media (max-width: 1100px) {
  .grid-top { grid-template-columns: 1fr 1fr; }
  .grid-top > :last-child { grid-column: 1 / -1; }
  .grid-3 { grid-template-columns: 1fr 1fr; }
}
@media (max-width: 760px) {
  .grid-top, .grid-3, .grid-2 { grid-template-columns: minmax(0, 1fr); }
  .grid-top > :last-child { grid-column: auto; }
  .topbar { padding: 8px 12px; }
  .topbar .who { margin-left: 0; width: 100%; justify-content: space-between; }
  main.dash { padding: 0 8px; }
  .periodnav { margin-left: 0; }
  .cards { grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 8px; }
  .ind .val { font-size: 19px; }
  .chart { height: 240px; }
  .periods-table thead { display: none; }
  .periods-table tr, .periods-table td { display: block; width: 100%; box-sizing: border-box; }
  .periods-table tr { border-top: 1px solid var(--line); padding: 6px 0; }
  .periods-table tr + tr td { border-top: 0; }
}
`;
