/**
 * Styles of the server-rendered public form (web/pages/survey-form-page.tsx), on top of the
 * survey shell's. Normal mode: cards of questions, the five-point scale as one row of five
 * buttons (labels break between words, 非常|满意) down to 320 px. Large type (`html.large`):
 * black on white, every answer a full-width button of ≥ 48 px with a tick when chosen, text and
 * controls ≥ 7:1 (WCAG AAA); with script, one question per screen (`html.stepping`) sized so
 * the answers and 下一题 / 提交 fit a 360 × 640 screen, the buttons kept in view at the bottom.
 */
export const SURVEY_FORM_CSS = `
.q{border:0;margin:12px;padding:14px 12px;min-width:0}
.q-title{float:left;width:100%;padding:0;margin:0 0 10px;font-size:18px;font-weight:700;line-height:1.45;color:var(--ink)}
.q-title:focus{outline:none}
.q-title+*{clear:both}
.req{margin-left:4px;color:#b42318;font-size:15px;font-weight:600;white-space:nowrap}
.q-desc{margin:0 0 8px;color:var(--muted);font-size:15px}
.q-error{margin:0 0 8px;color:#b42318;font-weight:700}
.q.invalid{border-left:6px solid #b42318}
.opts{display:flex;flex-direction:column;gap:8px;clear:both}
.opts.scale{flex-direction:row;gap:4px}
.opt{position:relative;display:flex;flex:1 1 0;min-width:0}
.opt input{position:absolute;inset:0;z-index:1;width:100%;height:100%;margin:0;opacity:0;cursor:pointer}
.opt span{flex:1;display:flex;align-items:center;justify-content:flex-start;min-height:52px;padding:6px 16px;border:2px solid #52606d;border-radius:10px;background:#fff;color:var(--ink);font-size:17px;line-height:1.3}
.opts.scale .opt span{justify-content:center;padding:6px 2px;font-size:16px;text-align:center;word-break:keep-all}
.opt input:checked+span{background:#0b5cad;border-color:#0b5cad;color:#fff;font-weight:700}
.opts:not(.scale) .opt input:checked+span::before{content:"✓";margin-right:8px}
.opt input:focus-visible+span{outline:3px solid #f0b429;outline-offset:2px}
.q textarea,.q input[type=text]{display:block;width:100%;min-height:48px;padding:10px 12px;border:2px solid #52606d;border-radius:8px;background:#fff;color:var(--ink);font:inherit}
.q textarea{min-height:120px;resize:vertical}
.q-foot{display:flex;align-items:center;justify-content:space-between;gap:8px}
.q-foot:has(> :not([hidden])){margin-top:8px}
.picked{margin:0;font-weight:700}
.picked[hidden]{display:none}
.q-foot .s369-speak{margin:0 0 0 auto}
.actions{display:flex;gap:12px;margin:16px 12px}
.actions .btn{flex:1 1 0;min-width:0}
.actions [hidden]{display:none}
.btn.ghost{background:#fff;color:#0b5cad;border:2px solid #0b5cad}
.error-summary{margin:16px 12px;padding:12px 16px;border:4px solid #b42318;border-radius:8px;background:#fff}
.error-summary[hidden]{display:none}
.error-summary h2{margin:0 0 6px;font-size:19px;color:#b42318}
.error-summary ul{margin:0;padding-left:20px}
.error-summary a{color:#b42318;font-weight:700}
.error-summary:focus{outline:3px solid #f0b429}
a.toggle{display:inline-flex;align-items:center;min-height:48px;text-decoration:none}
html.large .top{padding:8px 16px}
html.large .top .unit{opacity:1}
html.large .toggle{min-height:48px}
html.large .top h1{font-size:24px;margin-top:2px}
html.large .progress{margin:8px 16px 0;font-size:20px;color:#000}
html.large .q{margin:4px 0 0;padding:8px 16px;border-radius:0;box-shadow:none;background:#fff}
html.large .q-title{font-size:24px;line-height:1.35;color:#000;margin-bottom:8px}
html.large .req{color:#8f1a12;font-size:20px}
html.large .q-desc{color:#000;font-size:20px}
html.large .q-error,html.large .error-summary h2,html.large .error-summary a{color:#8f1a12}
html.large .q.invalid{border-left-color:#8f1a12}
html.large .opts,html.large .opts.scale{flex-direction:column;gap:6px}
html.large .opt span,html.large .opts.scale .opt span{min-height:48px;justify-content:flex-start;padding:4px 20px;border-color:#1f1f1f;color:#000;font-size:22px;text-align:left}
html.large .opts .opt input:checked+span,html.large .opts.scale .opt input:checked+span{background:#003a8c;border-color:#003a8c;color:#fff}
html.large .opts.scale .opt input:checked+span::before{content:"✓";margin-right:8px}
html.large .q textarea,html.large .q input[type=text]{border-color:#1f1f1f;color:#000;font-size:22px}
html.large .picked{font-size:22px;color:#000}
html.large .s369-speak{min-height:48px;color:#003a8c;border-color:#003a8c}
html.large .actions{position:sticky;bottom:0;z-index:2;margin:0;padding:8px 16px;background:#fff}
html.large .btn{min-height:56px;font-size:24px}
html.large .btn.ghost{color:#003a8c;border-color:#003a8c}
html.large .actions .btn:not(.ghost){background:#003a8c}
html.stepping .lead{display:none}
html.stepping .q{display:none}
html.stepping .q.current{display:block}
`;
