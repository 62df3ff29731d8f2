import { bodyLimit } from "hono/body-limit";
import type { Kysely, Transaction } from "kysely";
import type { DB } from "../db/database.ts";
import { Invalid, TooLarge } from "../errors.ts";
import { textFault } from "../http/input-rules.ts";
import { type AttachmentInfo, insertAttachment } from "./queries.ts";
import { ATTACHMENT_LIMIT } from "./schema.ts";
import { type EvidenceMime, sniffEvidence } from "./sniff.ts";

/** Room for the multipart framing around the file. */
const FRAMING = 64 * 1024;
const MB = ATTACHMENT_LIMIT / 1024 / 1024;
export const tooLarge = () => new TooLarge(`文件超过 ${MB} MB，不能上传`);

/** The streaming body limit of an upload route: cut off past the file limit plus framing (413). */
export const uploadLimit = () =>
  bodyLimit({
    maxSize: ATTACHMENT_LIMIT + FRAMING,
    onError: () => {
      throw tooLarge();
    },
  });

async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * Checks an uploaded evidence file (≤ 10 MB, not empty, PNG/JPEG/WebP/GIF/PDF by its bytes, an
 * acceptable name) and stores it; every refusal (413, 422 naming `file`) comes before anything is
 * written. Appeals upload through POST /attachments, rectification tasks through their own route.
 */
export async function acceptEvidence(
  db: Kysely<DB> | Transaction<DB>,
  file: File,
  createdBy: string,
  /** When it was uploaded (the app's clock); default: the database's. */
  at?: Date,
): Promise<AttachmentInfo & { mime: EvidenceMime }> {
  const bytes = await checkEvidence(file);
  const stored = await insertAttachment(db, {
    bytes: bytes.bytes,
    mime: bytes.mime,
    sha256: await sha256Hex(bytes.bytes),
    name: bytes.name,
    createdBy,
    ...(at === undefined ? {} : { createdAt: at }),
  });
  return { ...stored, mime: bytes.mime };
}

/** The checks of {@link acceptEvidence}, without storing: the bytes, sniffed type and name. */
export async function checkEvidence(file: File) {
  if (file.size > ATTACHMENT_LIMIT) throw tooLarge();
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (bytes.byteLength > ATTACHMENT_LIMIT) throw tooLarge();
  if (bytes.byteLength === 0) {
    throw new Invalid("文件为空", [{ path: "file", message: "文件为空" }]);
  }
  const mime = sniffEvidence(bytes);
  if (mime === null) {
    throw new Invalid("只能上传图片（PNG、JPEG、WebP、GIF）或 PDF 文件", [
      { path: "file", message: "文件内容不是图片或 PDF" },
    ]);
  }
  const name = file.name ? file.name.slice(0, 200) : null;
  const nameFault = name === null ? null : textFault(name);
  if (nameFault) {
    throw new Invalid("文件名无法接受", [{ path: "file", message: `文件名${nameFault}` }]);
  }
  return { bytes, mime, name };
}
