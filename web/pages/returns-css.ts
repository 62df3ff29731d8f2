/** Styles of the 季度填报 page (on top of the dashboard's). Phone first: rows stack as cards. */
export const RETURNS_CSS = `
.ret-summary { display: flex; flex-wrap: wrap; gap: 6px 16px; align-items: baseline; font-size: 15px; }
.ret-summary strong { font-size: 22px; }
.ret-due { margin: 6px 0 0; }
.ret-due.overdue { color: #8d2b0b; }
.pill.ret-missing { background: #ffe3e3; color: #610316; }
.pill.ret-filed { background: #c6f7e2; color: #014d40; }
.pill.ret-late { background: #fff3c4; color: #8d2b0b; }
.ret-steps { margin: 0; padding-left: 1.4em; display: grid; gap: 8px; }
.ret-upload { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
.ret-upload input[type=file] { font: inherit; font-size: 15px; max-width: 100%; }
.btn.primary { background: #0b69a3; color: #fff; border-color: #0b69a3; }
.btn.big { font-size: 16px; padding: 10px 18px; min-height: 44px; text-decoration: none; display: inline-block; box-sizing: border-box; }
.ret-outcome { border-left: 5px solid #3ebd93; }
.ret-outcome.err { border-left-color: #cf1124; }
.ret-outcome h2 { font-size: 15px; }
.ret-outcome ul { margin: 6px 0 0; padding-left: 1.2em; }
.ret-outcome li { margin: 2px 0; overflow-wrap: anywhere; }
.ret-stored { display: grid; gap: 8px; margin-top: 8px; }
.ret-stored dl { display: flex; flex-wrap: wrap; gap: 2px 14px; margin: 2px 0 0; font-size: 13px; }
.ret-stored dt { color: var(--muted); }
.ret-stored dd { margin: 0 0 0 4px; font-weight: 600; }
.ret-stored dl > div { display: flex; }
table.ret-table { border-collapse: collapse; width: 100%; font-size: 14px; }
.ret-table th, .ret-table td { text-align: left; padding: 6px 8px; vertical-align: middle; border-bottom: 0; }
.ret-table thead th { background: #f0f4f8; }
.ret-table tbody tr + tr td { border-top: 1px solid var(--line); }
.ret-table .acts a { margin-right: 10px; white-space: nowrap; display: inline-block; padding: 4px 0; }
.ret-form .fields { display: grid; grid-template-columns: repeat(auto-fill, minmax(240px, 1fr)); gap: 10px 16px; }
.ret-form label { display: block; font-weight: 600; }
.ret-form input { width: 100%; font: inherit; font-size: 16px; padding: 8px; border: 1px solid #7b8794; border-radius: 4px; box-sizing: border-box; }
.ret-form input[aria-invalid=true] { border: 2px solid #cf1124; }
.ret-form .help { font-size: 12px; color: var(--muted); margin: 2px 0 0; }
.ret-form .fielderr { font-size: 13px; color: #ab091e; margin: 2px 0 0; font-weight: 600; }
.ret-form .buttons { margin-top: 12px; display: flex; flex-wrap: wrap; gap: 8px; }
.ret-history { list-style: none; margin: 0; padding: 0; }
.ret-history > li { padding: 6px 0; border-bottom: 1px solid var(--line); }
.ret-history ul { margin: 4px 0 0; padding-left: 1.2em; font-size: 13px; }
.ret-links { display: flex; flex-wrap: wrap; gap: 8px; }
@media (max-width: 760px) {
  .ret-table thead { display: none; }
  .ret-table tr, .ret-table td { display: block; width: 100%; box-sizing: border-box; }
  .ret-table tr { padding: 8px 0; }
  .ret-table td { padding: 2px 4px; }
  .ret-table td[data-label]::before { content: attr(data-label) "："; color: var(--muted); }
  .ret-table tbody tr + tr td { border-top: 0; }
  .ret-table tbody tr + tr { border-top: 1px solid var(--line); }
  .ret-table .acts a { padding: 8px 0; margin-right: 16px; }
}
`;
