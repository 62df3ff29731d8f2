/** 问卷核查 (web/pages/survey-flags.tsx): counts, groups of flagged responses, the action bar. */
export const SURVEY_FLAGS_CSS = `
.sf-counts { display: flex; flex-wrap: wrap; gap: 8px 18px; margin: 0; }
.sf-counts strong { font-size: 20px; }
.sf-outcome { border-left: 5px solid #3ebd93; }
.sf-outcome.err { border-left-color: #cf1124; }
.sf-outcome p { margin: 0; font-weight: 600; }
.sf-group h2 { font-size: 16px; margin: 0 0 2px; }
.sf-rule { margin: 0 0 8px; }
.sf-list { list-style: none; margin: 0; padding: 0; }
.sf-list li + li { border-top: 1px solid var(--line); }
.sf-row { display: grid; grid-template-columns: 28px 1fr; gap: 2px 8px; padding: 8px 0; cursor: pointer; }
.sf-row input { width: 20px; height: 20px; margin: 2px 0 0; }
.sf-row .sf-head { display: flex; flex-wrap: wrap; gap: 2px 8px; align-items: baseline; }
.sf-row .sf-meta { grid-column: 2; font-size: 13px; color: var(--muted); display: flex; flex-wrap: wrap; gap: 2px 12px; }
.sf-row .sf-ans { grid-column: 2; font-size: 13px; overflow-wrap: anywhere; }
.pill.sf-open { background: #fff3c4; color: #8d2b0b; }
.pill.sf-confirmed { background: #ffe3e3; color: #a61b1b; }
.pill.sf-dismissed { background: #e3f9e5; color: #05400a; }
.sf-bar { position: sticky; bottom: 0; background: #fff; border-top: 1px solid var(--line);
  padding: 10px 14px; display: flex; flex-wrap: wrap; gap: 8px; align-items: center; border-radius: 8px; }
.sf-bar button { font: inherit; padding: 8px 14px; border-radius: 4px; cursor: pointer; min-height: 40px; }
.sf-bar .sf-confirm { background: #cf1124; color: #fff; border: 0; }
.sf-bar .sf-dismiss { background: #fff; color: var(--ink); border: 1px solid #9aa5b1; }
`;
