import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import { PAGE_FONT_CSS, PAGE_FONT_STACK } from "../../shapes/fonts.ts";
import { FaviconLinks } from "./favicon-links.tsx";

/**
 * The page shell: Chinese, phone-first viewport, the shipped CJK font (shapes/fonts.ts,
 * served by the app itself), no request to another site.
 * `head` adds page styles or scripts to the document head. The doctype keeps browsers out of
 * quirks mode; the style text is raw because JSX would escape the font names' quotes.
 *
 * The font stylesheet comes last in the body, so it blocks nothing above it: the page shows in
 * the system's font first and its ~40 subset files swap in as they arrive. With
 * `fonts="scripted"` (pages whose bundles draw charts) the page's script adds it once the charts
 * are drawn (web/client/lib/page-fonts.ts), so the subsets' downloads and relayouts do not hold
 * the charts back; without script, `<noscript>` loads it.
 */
export function Layout(props: {
  title: string;
  children: Child;
  head?: Child;
  fonts?: "late" | "scripted";
}) {
  const fonts = <link rel="stylesheet" href={PAGE_FONT_CSS} />;
  return (
    <>
      {raw("<!DOCTYPE html>")}
      <html lang="zh-CN">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{props.title}</title>
          <FaviconLinks />
          <style>{raw(BASE_CSS)}</style>
          {props.head}
        </head>
        <body>
          {props.children}
          {props.fonts === "scripted" ? <noscript>{fonts}</noscript> : fonts}
        </body>
      </html>
    </>
  );
}

const BASE_CSS = `
:root { color-scheme: light; --ink: #1f2933; --muted: #52606d; --brand: #b42318; --line: #d9e2ec; }
* { box-sizing: border-box; }
body { margin: 0; font-family: ${PAGE_FONT_STACK};
  color: var(--ink); background: #f5f7fa; line-height: 1.6; }
header { background: var(--brand); color: #fff; padding: 16px 24px; }
header h1 { margin: 0; font-size: 22px; }
main { max-width: 960px; margin: 24px auto; padding: 0 16px; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 16px 20px; margin-bottom: 16px; }
a { color: #0b5cad; }
a:focus-visible, button:focus-visible { outline: 3px solid #f0b429; outline-offset: 2px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); }
.muted { color: var(--muted); }
`;
