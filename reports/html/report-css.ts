/**
 * The report's only stylesheet, inlined into the HTML. A4 pages with 15 mm side margins (a
 * 180 mm text column, the width the charts are drawn at); on screen the same document reads as a
 * column of sheets. Table rows, figures and paragraphs never split across pages.
 */
import { INK, STATUS_COLOURS } from "../../shapes/theme.ts";
import { REPORT_FONT_FAMILY } from "../charts/svg.ts";

/** Page box of the PDF (the PDF renderer uses the same margins for its header and footer). */
export const PAGE = Object.freeze({
  widthMm: 210,
  heightMm: 297,
  marginTopMm: 20,
  marginBottomMm: 16,
  marginSideMm: 15,
});

export const REPORT_CSS = `
@page { size: A4; margin: ${PAGE.marginTopMm}mm ${PAGE.marginSideMm}mm ${PAGE.marginBottomMm}mm; }
* { box-sizing: border-box; }
html { font-family: ${REPORT_FONT_FAMILY}; color: ${INK.text}; font-size: 10.5pt; line-height: 1.65;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; }
.doc { width: 180mm; margin: 0 auto; }
section { margin: 0; padding: 0; }
section > * { margin-top: 0; margin-bottom: 4mm; }
h1, h2, h3 { font-weight: bold; line-height: 1.35; }
h2 { font-size: 16pt; color: #0b4f8a; border-bottom: 2px solid #0b5cad; padding-bottom: 2mm; }
h3 { font-size: 12.5pt; color: ${INK.text}; padding-top: 2mm; margin-bottom: 2mm; }
p { text-align: justify; }
p.lead { font-size: 10.5pt; }
p.note, .note { color: ${INK.muted}; font-size: 9pt; }
figure.chart { text-align: center; break-inside: avoid; }
figure.chart svg { max-width: 100%; height: auto; }
figcaption { color: ${INK.muted}; font-size: 9pt; margin-top: 1mm; }
.pair { display: flex; justify-content: space-between; align-items: flex-start; break-inside: avoid; }
.pair figure { margin: 0; width: 49%; }
table.t { width: 100%; border-collapse: collapse; font-size: 9pt; line-height: 1.45; }
table.t th { background: #eef3f8; color: ${INK.text}; font-weight: bold; text-align: left;
  border-bottom: 1.5px solid #9fb3c8; }
table.t th, table.t td { padding: 1.4mm 1.6mm; border-bottom: 1px solid ${INK.line}; vertical-align: top; }
table.t td.num, table.t th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
table.t td.empty { color: ${INK.muted}; text-align: center; }
table.t tr { break-inside: avoid; page-break-inside: avoid; }
table.t thead { display: table-header-group; }
table.t.small { font-size: 8.5pt; }
td.code { white-space: nowrap; color: ${INK.muted}; }
.chip { display: inline-block; padding: 0 1.5mm; border: 1px solid; border-radius: 1mm; font-size: 8.5pt;
  line-height: 1.5; white-space: nowrap; }
.cards { display: flex; gap: 3mm; break-inside: avoid; }
.card { flex: 1; border: 1px solid ${INK.line}; border-radius: 2mm; padding: 2.5mm 3mm; }
.card .k { color: ${INK.muted}; font-size: 9pt; }
.card .k, .card .s { white-space: nowrap; }
.card .v { font-size: 20pt; font-weight: bold; line-height: 1.3; }
.card .s { font-size: 9pt; }
.up { color: ${STATUS_COLOURS.green.text}; }
.down { color: ${STATUS_COLOURS.red.text}; }
p.item { margin-bottom: 2mm; padding-left: 7mm; text-indent: -7mm; break-inside: avoid; }
p.item .no { display: inline-block; width: 7mm; text-indent: 0; }
.sev { margin-right: 1.5mm; text-indent: 0; }
.cover { text-align: center; padding-top: 45mm; }
.cover .org { font-size: 14pt; color: ${INK.muted}; letter-spacing: 0.2em; }
.cover h1 { font-size: 24pt; margin: 14mm 0 6mm; color: #0b4f8a; }
.cover .edition { font-size: 15pt; letter-spacing: 0.3em; margin-bottom: 40mm; }
.cover table.meta { margin: 0 auto; font-size: 11pt; border-collapse: collapse; }
.cover table.meta th { text-align: right; color: ${INK.muted}; font-weight: normal; padding: 1.5mm 4mm; }
.cover table.meta td { text-align: left; padding: 1.5mm 4mm; }
nav.toc ol { list-style: none; padding: 0; margin: 0; }
nav.toc li { display: flex; align-items: baseline; font-size: 12pt; margin: 0 0 3mm; }
nav.toc li a { color: ${INK.text}; text-decoration: none; }
nav.toc li .dots { flex: 1; border-bottom: 1px dotted ${INK.muted}; margin: 0 2mm; }
nav.toc li .pg { min-width: 8mm; text-align: right; }
@media screen {
  body { background: #e9edf1; }
  .doc > section { background: #fff; padding: 14mm 15mm; margin: 8mm auto; width: 210mm;
    box-shadow: 0 1px 4px rgba(0,0,0,.15); }
  .doc { width: 210mm; }
}
@media print {
  .doc > section { break-before: page; }
  .doc > section:first-child { break-before: auto; }
}
`;
