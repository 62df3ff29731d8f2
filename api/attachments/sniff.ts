/**
 * What a file is, from its first bytes (magic numbers), never from its name or the type the
 * client sent: the evidence types appeals and rectification tasks take.
 */
export type EvidenceMime =
  | "image/png"
  | "image/jpeg"
  | "image/webp"
  | "image/gif"
  | "application/pdf";

const startsWith = (bytes: Uint8Array, magic: readonly number[], at = 0) =>
  bytes.length >= at + magic.length && magic.every((b, i) => bytes[at + i] === b);

const ascii = (s: string) => [...s].map((ch) => ch.charCodeAt(0));

/**
 * The evidence type of `bytes`, or null when they are none of PNG, JPEG, WebP, GIF and PDF.
 *
 * - PNG: the 8-byte signature `89 50 4E 47 0D 0A 1A 0A`.
 * - JPEG: `FF D8 FF` (SOI and the first marker).
 * - WebP: `RIFF` …4 bytes… `WEBP`.
 * - GIF: `GIF87a` or `GIF89a`.
 * - PDF: `%PDF-` within the first 1,024 bytes (readers accept leading junk up to there).
 */
export function sniffEvidence(bytes: Uint8Array): EvidenceMime | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (startsWith(bytes, ascii("RIFF")) && startsWith(bytes, ascii("WEBP"), 8)) return "image/webp";
  if (startsWith(bytes, ascii("GIF87a")) || startsWith(bytes, ascii("GIF89a"))) return "image/gif";
  const pdf = ascii("%PDF-");
  const limit = Math.min(bytes.length - pdf.length, 1024 - pdf.length);
  for (let i = 0; i <= limit; i++) if (startsWith(bytes, pdf, i)) return "application/pdf";
  return null;
}

/** The Chinese name of each type, for pages. */
export const EVIDENCE_LABELS: Readonly<Record<EvidenceMime, string>> = {
  "image/png": "PNG 图片",
  "image/jpeg": "JPEG 图片",
  "image/webp": "WebP 图片",
  "image/gif": "GIF 图片",
  "application/pdf": "PDF 文件",
};
