/** Styles of the appeals pages (on top of the dashboard's). Phone first: cases stack as cards. */
export const APPEALS_CSS = `
.appeal { border-left: 5px solid #9aa5b1; }
.appeal.pending { border-left-color: #f0b429; }
.appeal.approved { border-left-color: #3ebd93; }
.appeal.rejected { border-left-color: #cf1124; }
.appeal .appeal-head { display: flex; flex-wrap: wrap; gap: 6px 12px; align-items: baseline; }
.appeal dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 10px; margin: 8px 0; font-size: 13px; }
.appeal dt { color: var(--muted); }
.appeal dd { margin: 0; overflow-wrap: anywhere; }
.pill.pending { background: #fff3c4; color: #8d2b0b; }
.pill.approved { background: #c6f7e2; color: #014d40; }
.pill.rejected { background: #ffe3e3; color: #610316; }
.evidence { display: flex; flex-wrap: wrap; gap: 8px; list-style: none; padding: 0; margin: 6px 0; }
.evidence a { display: block; font-size: 12px; }
.evidence img { display: block; width: 96px; height: 96px; object-fit: cover; border: 1px solid var(--line); border-radius: 4px; }
.effect td.after { font-weight: 600; }
.effect caption { text-align: left; font-weight: 600; color: var(--ink); padding: 4px 0; }
.appeal-head h2 { margin: 0; }
.decide { display: grid; gap: 8px; margin-top: 10px; }
.decide textarea, .appeal-form textarea, .appeal-form select, .appeal-form input[type=file] {
  width: 100%; font: inherit; font-size: 16px; padding: 8px; border: 1px solid #7b8794; border-radius: 4px; box-sizing: border-box; }
.decide .buttons, .appeal-form .buttons { display: flex; gap: 8px; flex-wrap: wrap; }
.btn.primary { background: #0b69a3; color: #fff; border-color: #0b69a3; }
.btn.danger { background: #fff; color: #ab091e; border-color: #ab091e; }
.btn.big { font-size: 16px; padding: 10px 18px; min-height: 44px; }
.appeal-form fieldset { border: 1px solid var(--line); border-radius: 6px; margin: 0 0 12px; padding: 8px 10px; }
.appeal-form legend { font-weight: 600; padding: 0 4px; }
.tabs { display: flex; flex-wrap: wrap; gap: 6px; list-style: none; padding: 0; margin: 0 0 10px; }
.tabs a { display: inline-block; padding: 6px 10px; border: 1px solid #9aa5b1; border-radius: 16px; font-size: 13px; text-decoration: none; color: inherit; min-height: 20px; }
.tabs a[aria-current=page] { background: #0b69a3; border-color: #0b69a3; color: #fff; }
.caselist { list-style: none; padding: 0; margin: 0; }
.caselist li { border-bottom: 1px solid var(--line); }
.caselist label { display: grid; grid-template-columns: 28px 1fr; gap: 2px 8px; padding: 8px 2px; cursor: pointer; }
.caselist input[type=checkbox] { width: 20px; height: 20px; margin: 2px 0 0; }
.caselist .meta { font-size: 12px; color: var(--muted); grid-column: 2; }
.caselist .blocked { opacity: .6; cursor: not-allowed; }
.status-msg { min-height: 1.4em; font-weight: 600; }
.status-msg.err { color: #ab091e; }
.status-msg.ok { color: #014d40; }
@media (min-width: 900px) {
  .caselist { columns: 2; column-gap: 24px; }
  .caselist li { break-inside: avoid; }
}
`;
