/**
 * Styles of the administrator's pages (on top of the dashboard's). Phone first: the forms are one
 * column and the tables turn into cards under 760 px; at 1440 px the forms sit in a row.
 */
export const ADMIN_CSS = `
.admin-home { list-style: none; margin: 0; padding: 0; display: grid; gap: 10px;
  grid-template-columns: repeat(auto-fill, minmax(260px, 1fr)); }
.admin-home a { display: block; min-height: 44px; padding: 12px 14px; border: 1px solid var(--line); border-radius: 8px;
  background: #fff; color: inherit; text-decoration: none; height: 100%; box-sizing: border-box; }
.admin-home a:hover { border-color: #0b69a3; }
.admin-home strong { display: block; font-size: 16px; color: #0b69a3; margin-bottom: 2px; }
.admin-form { display: grid; gap: 8px 12px; grid-template-columns: repeat(auto-fit, minmax(180px, 1fr)); align-items: end; }
.admin-form label { display: grid; gap: 4px; font-weight: 600; font-size: 13px; }
.admin-form input, .admin-form select, .row-form input, .row-form select {
  font: inherit; font-size: 16px; padding: 7px 8px; border: 1px solid #7b8794; border-radius: 4px;
  box-sizing: border-box; width: 100%; min-height: 40px; background: #fff; }
.admin-form .btn, .row-form .btn { min-height: 40px; }
.admin-form .hint { grid-column: 1 / -1; margin: 0; }
.admin-table { border-collapse: collapse; width: 100%; }
.admin-table th, .admin-table td { text-align: left; vertical-align: top; padding: 6px 8px; font-size: 13px; }
.admin-table thead th { background: #f0f4f8; }
.admin-table tbody tr + tr td { border-top: 1px solid var(--line); }
.admin-table tr.off td { color: var(--muted); }
.admin-table code { font-size: 12px; }
.manage summary { cursor: pointer; color: #0b69a3; min-height: 28px; }
.row-form { display: grid; gap: 6px; margin: 8px 0; padding: 8px; border: 1px solid var(--line); border-radius: 6px; background: #fafbfc; }
.row-form .pair { display: grid; grid-template-columns: 1fr 1fr; gap: 6px; }
.row-form > span { font-weight: 600; font-size: 13px; }
.row-form .status-msg:empty, .status-msg.flash:empty { display: none; }
.secret { border: 2px solid #c27c00; background: #fff8e6; border-radius: 8px; padding: 10px 12px; margin: 10px 0 0; }
.secret code { display: block; font-size: 15px; padding: 8px; margin: 6px 0; background: #fff; border: 1px solid var(--line);
  border-radius: 4px; overflow-wrap: anywhere; user-select: all; }
.pill.on { background: #e6f4ea; color: #1e5631; }
.pill.off { background: #eceff3; color: #52606d; }
.pill.bad { background: #ffe3e3; color: #610316; }
.audit-summary { display: flex; flex-wrap: wrap; gap: 6px 16px; align-items: center; margin: 0 0 8px; }
.audit-detail { color: var(--muted); font-size: 12px; overflow-wrap: anywhere; }
@media (min-width: 761px) {
  .row-form .btn { justify-self: start; }
}
@media (max-width: 760px) {
  .admin-table thead { display: none; }
  .admin-table tr, .admin-table td { display: block; width: 100%; box-sizing: border-box; }
  .admin-table tr { border-top: 1px solid var(--line); padding: 6px 0; }
  .admin-table tbody tr + tr td { border-top: 0; }
  .admin-table td { padding: 2px 4px; }
  .admin-table td[data-label]::before { content: attr(data-label) "："; color: var(--muted); }
}
`;
