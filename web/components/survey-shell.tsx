import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import { PAGE_FONT_CSS, PAGE_FONT_STACK } from "../../shapes/fonts.ts";
import { FaviconLinks } from "./favicon-links.tsx";

/**
 * The shell of the public survey pages: Chinese, phone first, the shipped CJK font, no request to
 * another site, and the
 * large-type mode (大字模式) as CSS on `html.large`: base type 22 px, black on white, tap targets
 * of 56 px, one question per screen (set by the client). The class is set before first paint,
 * from `?large=1` on the server or the saved choice in the browser, so nothing jumps: that needs
 * a line of inline script, allowed by the response's CSP nonce (`nonce`).
 */
export function SurveyShell(props: {
  title: string;
  nonce: string;
  large?: boolean;
  head?: Child;
  /**
   * The font stylesheet at the end of the body instead of the head: it then blocks nothing
   * above it, so the form shows (in the phone's own font) before it arrives on a slow line.
   */
  lateFonts?: boolean;
  children: Child;
}) {
  return (
    <html lang="zh-CN" class={props.large ? "large" : undefined}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover" />
        <meta name="format-detection" content="telephone=no" />
        <meta name="theme-color" content="#b42318" />
        <FaviconLinks />
        <title>{props.title}</title>
        {props.lateFonts ? null : <link rel="stylesheet" href={PAGE_FONT_CSS} />}
        <script nonce={props.nonce}>{raw(LARGE_FROM_STORAGE)}</script>
        <style>{raw(SURVEY_CSS)}</style>
        {props.head}
      </head>
      <body>
        {props.children}
        {props.lateFonts ? <link rel="stylesheet" href={PAGE_FONT_CSS} /> : null}
      </body>
    </html>
  );
}

const LARGE_FROM_STORAGE = `try{if(localStorage.getItem("s369.survey.large")==="1")document.documentElement.classList.add("large")}catch(e){}`;

const FONTS = PAGE_FONT_STACK;

export const SURVEY_CSS = `
:root{color-scheme:light;--ink:#1f2933;--muted:#52606d;--brand:#b42318;--blue:#0b5cad}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;font-family:${FONTS};font-size:17px;line-height:1.6;color:var(--ink);background:#f3f5f8}
main{max-width:720px;margin:0 auto;padding-bottom:32px}
.top{background:var(--brand);color:#fff;padding:10px 16px 14px}
.top .bar{display:flex;gap:12px;align-items:center;justify-content:space-between}
.top .unit{font-size:16px;opacity:.95;margin:0}
.top h1{margin:4px 0 0;font-size:22px;line-height:1.35;font-weight:700}
.toggle{flex:none;min-height:44px;min-width:44px;padding:0 14px;border:2px solid #fff;border-radius:22px;background:transparent;color:#fff;font:inherit;font-size:16px;font-weight:600;cursor:pointer}
.toggle:focus-visible,button:focus-visible,a:focus-visible{outline:3px solid #f0b429;outline-offset:2px}
.lead{margin:12px 16px 0;color:var(--muted);font-size:15px}
.notice{margin:12px 16px;padding:12px 14px;background:#fff7e6;border:1px solid #f0b429;border-radius:8px}
.progress{margin:16px 16px 0;font-weight:700}
.loading{margin:32px 16px;text-align:center;color:var(--muted)}
.card{background:#fff;margin:16px;padding:24px 20px;border-radius:12px;box-shadow:0 1px 2px rgba(0,0,0,.08)}
.thanks{text-align:center}
.thanks h2{margin:8px 0;font-size:24px}
.thanks .mark{font-size:48px;line-height:1;color:#1a7f37}
.status[data-state=kept]{color:#8a5300}.status[data-state=rejected]{color:#b42318}
.btn{display:inline-flex;align-items:center;justify-content:center;min-height:48px;padding:0 24px;border:0;border-radius:24px;background:var(--blue);color:#fff;font:inherit;font-size:18px;font-weight:600;cursor:pointer;text-decoration:none}
.field{display:block;margin:0 0 14px}.field span{display:block;margin-bottom:4px}
.field input{width:100%;min-height:48px;padding:8px 12px;border:1px solid #9aa5b1;border-radius:8px;font:inherit}
.link{min-height:44px;padding:0 4px;border:0;background:none;color:var(--blue);font:inherit;text-decoration:underline;cursor:pointer}
.error{color:#b42318;min-height:1.6em}
.s369-speak{display:inline-flex;align-items:center;gap:6px;margin-top:8px;min-height:40px;padding:0 14px;border:1px solid var(--blue);border-radius:20px;background:#fff;color:var(--blue);font:inherit;font-size:15px;cursor:pointer}
.sd-root-modern{--sjs-primary-backcolor:#0b5cad;--sjs-primary-backcolor-dark:#084a8c;--sjs-primary-backcolor-light:rgba(11,92,173,.1);--sjs-font-family:${FONTS};--sjs-general-backcolor-dim:#f3f5f8}
.sd-root-modern .sd-body.sd-body--static{padding:12px 12px 24px}
.sd-root-modern .sd-rating__item-text{white-space:nowrap}
html.large body{font-size:22px;color:#000;background:#fff}
html.large .top{background:#8f1a12;padding:16px}
html.large .top .unit{font-size:20px}
html.large .top h1{font-size:28px}
html.large .toggle{min-height:56px;font-size:20px;padding:0 18px;border-width:3px;border-radius:28px}
html.large .lead{font-size:20px;color:#000}
html.large .btn{min-height:64px;font-size:24px;border-radius:32px;padding:0 32px}
html.large .s369-speak{min-height:56px;min-width:48px;padding:0 20px;border-width:2px;border-radius:28px;font-size:22px}
html.large .thanks h2{font-size:30px}
html.large .sd-root-modern{--sjs-base-unit:12px;--sjs-font-size:22px;--sjs-font-questiontitle-size:26px;--sjs-font-editorfont-size:22px;--sjs-general-forecolor:#000;--sjs-general-forecolor-light:#1f1f1f;--sjs-general-dim-forecolor:#000;--sjs-font-questiondescription-color:#1f1f1f;--sjs-primary-backcolor:#003a8c;--sjs-primary-backcolor-dark:#002a66;--sjs-primary-backcolor-light:rgba(0,58,140,.12);--sjs-general-backcolor-dim:#fff;--sjs-border-default:#1f1f1f;--sjs-border-light:#4a4a4a}
html.large .sd-root-modern.sd-root-modern--mobile{--sd-base-padding:16px;--sd-base-vertical-padding:16px}
html.large .sd-root-modern .sd-body.sd-body--static{padding:8px 0 24px}
html.large .sd-root-modern .sd-rating{width:100%;overflow:visible}
html.large .sd-root-modern .sd-rating fieldset{display:flex;flex-direction:column;align-items:stretch;gap:12px;width:100%;min-width:0}
html.large .sd-root-modern .sd-rating__item{width:auto;min-height:64px;margin:0;justify-content:flex-start;padding:0 24px;border:2px solid #1f1f1f;border-radius:16px}
html.large .sd-root-modern .sd-rating__item--selected{border-color:#003a8c}
html.large .sd-root-modern .sd-item{min-height:56px;align-items:center}
html.large .sd-root-modern .sd-selectbase__label{min-height:56px;display:flex;align-items:center}
html.large .sd-root-modern .sd-body .sd-body__navigation{gap:12px;padding:8px 16px}
html.large .sd-root-modern .sd-body__navigation .sv-action{flex:1 1 0}
html.large .sd-root-modern .sd-btn{width:100%;min-height:64px;min-width:120px;font-size:24px;border:2px solid #003a8c;border-radius:32px}
html.large .sd-root-modern .sd-navigation__next-btn,html.large .sd-root-modern .sd-navigation__complete-btn{background:#003a8c;color:#fff}
html.large .sd-root-modern textarea{font-size:22px}
`;

/** A page of the survey site that only says something (unknown unit, no permission, no bundle). */
export function SurveyMessage(props: { title: string; nonce: string; children: Child }) {
  return (
    <SurveyShell title={props.title} nonce={props.nonce}>
      <header class="top">
        <div>
          <h1>{props.title}</h1>
        </div>
      </header>
      <main>
        <section class="card">{props.children}</section>
      </main>
    </SurveyShell>
  );
}
