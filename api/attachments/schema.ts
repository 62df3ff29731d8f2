import { z } from "@hono/zod-openapi";
import { int4Text } from "../http/router.ts";

/** The largest evidence file (CYCLE.md: images and PDF ≤ 10 MB each). */
export const ATTACHMENT_LIMIT = 10 * 1024 * 1024;

export const AttachmentForm = z.object({
  file: z
    .instanceof(File, { message: "请在 multipart 字段 file 中上传图片或 PDF 文件" })
    .openapi({ type: "string", format: "binary" }),
});

export const AttachmentParams = z.object({
  id: int4Text(1).openapi({ param: { name: "id", in: "path" }, example: 1 }),
});

export const StoredAttachment = z
  .object({
    id: z.number().int(),
    name: z.string().nullable(),
    mime: z.enum(["image/png", "image/jpeg", "image/webp", "image/gif", "application/pdf"]),
    size: z.number().int(),
    sha256: z.string(),
    url: z.string(),
  })
  .openapi("Attachment");
