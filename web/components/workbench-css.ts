/** Styles of the assessor's workbench pages (on top of the dashboard's and the appeals'). */
export const WORKBENCH_CSS = `
.wb-grid { display: grid; gap: 12px; }
@media (min-width: 1000px) { .wb-grid { grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); align-items: start; } }
.wb-form { display: grid; gap: 10px; }
.wb-form label { display: grid; gap: 4px; font-weight: 600; }
.wb-form select, .wb-form input[type=number] { font: inherit; font-size: 16px; padding: 8px; border: 1px solid #7b8794; border-radius: 4px; background: #fff; width: 100%; box-sizing: border-box; min-height: 44px; }
.wb-choice { display: flex; flex-wrap: wrap; gap: 6px 14px; border: 0; padding: 0; margin: 0; }
.wb-choice legend { font-weight: 600; padding: 0; margin-bottom: 4px; }
.wb-choice label { display: flex; gap: 6px; align-items: center; font-weight: 400; min-height: 44px; }
.wb-choice[hidden], .wb-job [hidden] { display: none; }
.wb-choice input { width: 20px; height: 20px; margin: 0; }
.wb-jobs { list-style: none; padding: 0; margin: 0; }
.wb-job { border-bottom: 1px solid var(--line); padding: 10px 0; display: grid; gap: 4px; }
.wb-job:last-child { border-bottom: 0; }
.wb-job .head { display: flex; flex-wrap: wrap; gap: 4px 10px; align-items: baseline; }
.wb-job .label { font-weight: 600; overflow-wrap: anywhere; }
.wb-job progress { width: 100%; height: 14px; accent-color: #0b69a3; }
.wb-job .meta { font-size: 12px; color: var(--muted); display: flex; flex-wrap: wrap; gap: 2px 12px; }
.wb-job .dl { font-weight: 600; overflow-wrap: anywhere; }
.pill.job-running, .pill.job-queued { background: #fff3c4; color: #8d2b0b; }
.pill.job-done { background: #c6f7e2; color: #014d40; }
.pill.job-failed { background: #ffe3e3; color: #610316; }
.wb-chart { width: 100%; height: 320px; }
.wb-legend { display: flex; flex-wrap: wrap; gap: 4px 14px; font-size: 12px; color: var(--muted); margin: 4px 0 0; }
.wb-legend i { display: inline-block; width: 12px; height: 12px; border-radius: 2px; margin-right: 4px; vertical-align: -1px; }
.wb-table { width: 100%; border-collapse: collapse; font-size: 13px; }
.wb-table th, .wb-table td { padding: 5px 6px; border-bottom: 1px solid var(--line); text-align: left; }
.wb-table .num { text-align: right; white-space: nowrap; }
.scroll { overflow-x: auto; }
.wb-dim { border: 1px solid var(--line); border-radius: 6px; margin: 0 0 10px; padding: 8px 10px; }
.wb-dim legend { font-weight: 600; padding: 0 4px; }
.wb-ind { display: grid; grid-template-columns: minmax(0, 1fr) 6.5em; gap: 4px 8px; align-items: center; padding: 6px 0; border-bottom: 1px solid var(--line); }
.wb-ind:last-child { border-bottom: 0; }
.wb-ind .nm { font-size: 14px; }
.wb-ind input { font: inherit; font-size: 16px; padding: 6px; border: 1px solid #7b8794; border-radius: 4px; width: 100%; box-sizing: border-box; min-height: 40px; }
.wb-ind input.changed { border-color: #0b69a3; background: #e6f6ff; }
.wb-goal-box { grid-column: 1 / -1; }
.wb-goals { display: grid; grid-template-columns: 1fr 1fr; gap: 6px; margin-top: 4px; }
.wb-goals label { font-size: 12px; color: var(--muted); display: grid; gap: 2px; font-weight: 400; }
.wb-method { display: grid; gap: 10px; }
@media (min-width: 700px) { .wb-method { grid-template-columns: 1fr 1fr; } }
.mv-up { color: #0e7c4a; font-weight: 600; } .mv-down { color: #ab091e; font-weight: 600; }
.pill.stab-stable { background: #c6f7e2; color: #014d40; }
.pill.stab-fair { background: #fff3c4; color: #8d2b0b; }
.pill.stab-unstable { background: #ffe3e3; color: #610316; }
.wb-problems { margin: 0 0 10px; padding-left: 18px; }
.sticky-go { position: sticky; bottom: 0; background: #fff; padding: 8px 0; display: flex; gap: 8px; flex-wrap: wrap; border-top: 1px solid var(--line); }
`;
