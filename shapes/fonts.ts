/**
 * The CJK font every page and every report is set in: Noto Sans SC, shipped with the app as the
 * npm package @fontsource/noto-sans-sc (a TrueType-outlined static font split into ~100
 * `unicode-range` subsets, so a page downloads only the subsets its text uses). The app serves it
 * under /fonts/ (scripts/build-web.ts copies the files into dist/web; reports/fonts/ reads them
 * for the PDF printer), so nothing depends on the fonts a machine happens to have.
 */

/** The family name the stylesheets declare (not the name inside the font files). */
export const CJK_FONT = "Noto Sans SC";

/** Weights served: regular text and bold headings (a bold drawn from 400 would be synthesised). */
export const CJK_FONT_WEIGHTS = [400, 700] as const;

/**
 * Stylesheet of the pages: WOFF2 subsets (the smallest files). Their internal name is
 * "Noto Sans SC Thin" (an artefact of the upstream build; the glyphs are those of the weight).
 */
export const PAGE_FONT_CSS = "/fonts/noto-sans-sc.css";

/**
 * Stylesheet for print (reports, posters): WOFF subsets, whose internal PostScript names are
 * NotoSansSC-Regular and NotoSansSC-Bold, the names a printed PDF then embeds.
 */
export const PRINT_FONT_CSS = "/fonts/noto-sans-sc-print.css";

/**
 * Font stack of the pages and the dashboard's charts: the shipped font first; system fonts only
 * while it loads. Single quotes only: ECharts writes the family into a double-quoted attribute.
 */
export const PAGE_FONT_STACK = `'${CJK_FONT}', 'PingFang SC', 'Microsoft YaHei', sans-serif`;
