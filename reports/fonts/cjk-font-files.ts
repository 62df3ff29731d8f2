/**
 * The files of the shipped CJK font (shapes/fonts.ts) in the npm package
 * @fontsource/noto-sans-sc: one file per `unicode-range` subset and weight, and the @font-face
 * rules that list them. Chromium embeds such a font in a PDF as a named CID TrueType font: its
 * outlines are TrueType (glyf), it is static (Skia draws variable and CFF-outlined fonts as
 * unnamed Type 3 glyphs) and it allows embedding (OS/2 fsType 0). The same files serve the pages
 * (scripts/build-web.ts copies them into dist/web) and the PDF printer (reports/pdf/print.ts
 * reads them from here), so a PDF carries the same font on every machine. Node-only.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { CJK_FONT, CJK_FONT_WEIGHTS } from "../../shapes/fonts.ts";

/** woff2 for pages (smallest); woff for print (PostScript names NotoSansSC-Regular/-Bold). */
export type CjkFontFormat = "woff2" | "woff";

/** One subset file of one weight. */
export interface CjkFontFile {
  /** Flat name it is served under: carries the package version, so it may be cached for ever. */
  name: string;
  /** Where the file is. */
  path: string;
  weight: number;
  /** The code points the file holds (CSS `unicode-range` syntax). */
  unicodeRange: string;
  format: CjkFontFormat;
}

const PACKAGE = "@fontsource/noto-sans-sc";

/** The package's folder, version and subsets (`"[12]"` or `"latin"` → unicode-range). */
function fontPackage() {
  const dir = dirname(createRequire(import.meta.url).resolve(`${PACKAGE}/package.json`));
  const read = (file: string) => JSON.parse(readFileSync(join(dir, file), "utf8"));
  return {
    dir,
    version: (read("package.json") as { version: string }).version,
    subsets: read("unicode.json") as Record<string, string>,
  };
}

/** Stays a module cache (issue 17): memoises the shipped font files found on disk, a constant of the install. */
const cache = new Map<CjkFontFormat, readonly CjkFontFile[]>();

/**
 * Every subset file of the served weights in `format`, in the package's own order (the order of
 * its stylesheets).
 *
 * @example
 * ```ts
 * cjkFontFiles("woff")[0].name; // "noto-sans-sc-5.3.1-4-400.woff"
 * ```
 */
export function cjkFontFiles(format: CjkFontFormat): readonly CjkFontFile[] {
  const known = cache.get(format);
  if (known) return known;
  const pkg = fontPackage();
  const files: CjkFontFile[] = [];
  for (const weight of CJK_FONT_WEIGHTS) {
    for (const [key, unicodeRange] of Object.entries(pkg.subsets)) {
      const subset = key.replace(/^\[(\d+)\]$/, "$1");
      files.push({
        name: `noto-sans-sc-${pkg.version}-${subset}-${weight}.${format}`,
        path: join(pkg.dir, "files", `noto-sans-sc-${subset}-${weight}-normal.${format}`),
        weight,
        unicodeRange,
        format,
      });
    }
  }
  const frozen = Object.freeze(files);
  cache.set(format, frozen);
  return frozen;
}

/**
 * The @font-face rules of `files`, each file at `url(<name>)`: relative to the stylesheet, which
 * is served from the same folder (/fonts/). A browser fetches only the subsets its text needs.
 */
export function cjkFontCss(files: readonly CjkFontFile[]): string {
  const rules = files.map(
    (f) =>
      `@font-face{font-family:'${CJK_FONT}';font-style:normal;font-weight:${f.weight};` +
      `font-display:swap;src:url(${f.name}) format('${f.format}');unicode-range:${f.unicodeRange}}`,
  );
  return `/* ${CJK_FONT} (${PACKAGE}, SIL Open Font License 1.1) */\n${rules.join("\n")}\n`;
}
