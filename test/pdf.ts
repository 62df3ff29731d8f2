/**
 * Reading PDFs in tests with pdfjs-dist (an npm package; no poppler on the machine): page count,
 * text, text lines as laid out, the fonts each page uses (name, type, embedded) and pages as PNG
 * (drawn through @napi-rs/canvas, pdfjs-dist's canvas in Node).
 */
import { getDocument, OPS } from "pdfjs-dist/legacy/build/pdf.mjs";

/** A font as a page of the PDF uses it: `type` is pdf.js's (CIDFontType2, TrueType, Type3…). */
export interface PdfFont {
  name: string;
  type: string;
  embedded: boolean;
}

/** One text item of a page, with its position (PDF units, origin bottom left). */
interface Item {
  str: string;
  x: number;
  y: number;
  width: number;
}

export interface PdfDoc {
  pages: number;
  /** The text of page `n` (1-based), or of every page, items joined without separators. */
  text(n?: number): Promise<string>;
  /** Page `n`'s text as lines, top to bottom, words apart by a gap joined with a space. */
  lines(n: number): Promise<string[]>;
  /** Every distinct font the document's pages use. */
  fonts(): Promise<PdfFont[]>;
  /** Page `n` drawn at `dpi` as PNG bytes. */
  png(n: number, dpi: number): Promise<Uint8Array>;
  close(): Promise<void>;
}

/** Opens a PDF's bytes (copied: pdf.js takes ownership of what it is given). */
export async function openPdf(bytes: Uint8Array): Promise<PdfDoc> {
  const doc = await getDocument({
    data: new Uint8Array(bytes),
    fontExtraProperties: true,
    verbosity: 0,
  }).promise;

  const items = async (n: number): Promise<Item[]> => {
    const page = await doc.getPage(n);
    const content = await page.getTextContent();
    return content.items.flatMap((i) =>
      "str" in i && i.str !== ""
        ? [{ str: i.str, x: i.transform[4] as number, y: i.transform[5] as number, width: i.width }]
        : [],
    );
  };

  const pageNumbers = (n?: number) =>
    n === undefined ? Array.from({ length: doc.numPages }, (_, i) => i + 1) : [n];

  return {
    pages: doc.numPages,
    async text(n) {
      const parts: string[] = [];
      for (const p of pageNumbers(n)) parts.push((await items(p)).map((i) => i.str).join(""));
      return parts.join("\n");
    },
    async lines(n) {
      const rows: Item[][] = [];
      for (const item of await items(n)) {
        const row = rows.find((r) => Math.abs(r[0]!.y - item.y) < 2);
        if (row) row.push(item);
        else rows.push([item]);
      }
      rows.sort((a, b) => b[0]!.y - a[0]!.y);
      return rows.map((row) => {
        row.sort((a, b) => a.x - b.x);
        let line = "";
        let end = Number.NEGATIVE_INFINITY;
        for (const i of row) {
          line += (line && i.x - end > 1 ? " " : "") + i.str;
          end = i.x + i.width;
        }
        return line;
      });
    },
    async fonts() {
      const seen = new Map<string, PdfFont>();
      for (const p of pageNumbers()) {
        const page = await doc.getPage(p);
        const ops = await page.getOperatorList();
        ops.fnArray.forEach((fn, k) => {
          if (fn !== OPS.setFont) return;
          const id = ops.argsArray[k][0] as string;
          // biome-ignore lint/suspicious/noExplicitAny: pdf.js types its loaded fonts loosely
          const font = page.commonObjs.get(id) as any;
          const entry: PdfFont = {
            name: String(font.name ?? ""),
            type: String(font.type ?? ""),
            embedded: font.missingFile !== true,
          };
          seen.set(`${entry.name}|${entry.type}|${entry.embedded}`, entry);
        });
      }
      return [...seen.values()];
    },
    async png(n, dpi) {
      const page = await doc.getPage(n);
      const viewport = page.getViewport({ scale: dpi / 72 });
      // biome-ignore lint/suspicious/noExplicitAny: pdf.js's Node canvas factory is not in its types
      const factory = (doc as any).canvasFactory;
      const { canvas, context } = factory.create(
        Math.ceil(viewport.width),
        Math.ceil(viewport.height),
      );
      await page.render({ canvasContext: context, viewport, canvas }).promise;
      return new Uint8Array(canvas.toBuffer("image/png"));
    },
    close: () => doc.destroy(),
  };
}
