import { PAGE_FONT_CSS } from "../../../shapes/fonts.ts";

/**
 * Adds the shipped font's stylesheet to a page rendered with `fonts="scripted"`
 * (web/components/layout.tsx): called once the page's charts are drawn, so the font's subset
 * downloads and the relayouts of their swaps come after the charts, not before. Once only.
 */
export function loadPageFonts(): void {
  if (document.querySelector(`link[rel="stylesheet"][href="${PAGE_FONT_CSS}"]`)) return;
  const link = document.createElement("link");
  link.rel = "stylesheet";
  link.href = PAGE_FONT_CSS;
  document.body.appendChild(link);
}
