import { createRoute, z } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { creatorKey } from "../access/principal.ts";
import { Invalid, NotFound, TooLarge } from "../errors.ts";
import { textFault } from "../http/input-rules.ts";
import { jsonResponse, newRouter, problems, type Router } from "../http/router.ts";
import { authorize } from "../middleware/authorize.ts";
import { attachmentBytes, insertAttachment, mayReadAttachment } from "./queries.ts";
import { ATTACHMENT_LIMIT, AttachmentForm, AttachmentParams, StoredAttachment } from "./schema.ts";
import { type EvidenceMime, sniffEvidence } from "./sniff.ts";

/** Room for the multipart framing around the file. */
const FRAMING = 64 * 1024;
const MB = ATTACHMENT_LIMIT / 1024 / 1024;
const tooLarge = () => new TooLarge(`文件超过 ${MB} MB，不能上传`);

const upload = createRoute({
  method: "post",
  path: "/attachments",
  tags: ["attachments"],
  summary: "Upload an evidence file (image or PDF, at most 10 MB)",
  description:
    "Multipart field `file`. The type is sniffed from the bytes (PNG, JPEG, WebP, GIF, PDF); anything else is refused " +
    "(422), whatever its name or declared type. The body is counted as it streams and cut off past the limit (413). " +
    "The answer's `id` goes into an appeal's `attachments`.",
  middleware: [
    authorize("attachments.write"),
    bodyLimit({
      maxSize: ATTACHMENT_LIMIT + FRAMING,
      onError: () => {
        throw tooLarge();
      },
    }),
  ] as const,
  request: {
    body: { content: { "multipart/form-data": { schema: AttachmentForm } }, required: true },
  },
  responses: {
    201: jsonResponse(StoredAttachment, "The stored file"),
    ...problems(401, 403, 413, 415, 422),
  },
});

const download = createRoute({
  method: "get",
  path: "/attachments/{id}",
  tags: ["attachments"],
  summary: "An evidence file's bytes",
  description:
    "For its uploader and for anyone whose scope holds the unit of an appeal it supports; otherwise 404.",
  middleware: [authorize("attachments.read")] as const,
  request: { params: AttachmentParams },
  responses: {
    200: {
      description: "The file, with its sniffed type",
      content: {
        "application/octet-stream": { schema: z.string().openapi({ format: "binary" }) },
      },
    },
    ...problems(401, 403, 404, 422),
  },
});

async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

function registerUpload(app: Router) {
  app.openapi(upload, async (c) => {
    const { file } = c.req.valid("form");
    if (file.size > ATTACHMENT_LIMIT) throw tooLarge();
    const bytes = new Uint8Array(await file.arrayBuffer());
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
    if (nameFault)
      throw new Invalid("文件名无法接受", [{ path: "file", message: `文件名${nameFault}` }]);
    const principal = c.get("principal")!;
    const stored = await insertAttachment(c.get("deps").store.db, {
      bytes,
      mime,
      sha256: await sha256Hex(bytes),
      name,
      createdBy: creatorKey(principal),
    });
    c.set("auditTarget", `attachment ${stored.id}`);
    c.set("auditDetail", { name, mime, size: stored.size, sha256: stored.sha256 });
    return c.json(
      { ...stored, mime: mime as EvidenceMime, url: `/api/v1/attachments/${stored.id}` },
      201,
    );
  });
}

function registerDownload(app: Router) {
  app.openapi(download, async (c) => {
    const { id } = c.req.valid("param");
    const { db } = c.get("deps").store;
    const principal = c.get("principal")!;
    const reader = { key: creatorKey(principal), scopeUnitId: principal.scopeUnitId };
    const file = (await mayReadAttachment(db, id, reader)) ? await attachmentBytes(db, id) : null;
    if (!file) throw new NotFound(`没有编号为 ${id} 的附件`);
    const ascii = (file.name ?? `attachment-${id}`).replace(/[^\x20-\x7e]/g, "_").replace(/"/g, "");
    const utf8 = encodeURIComponent(file.name ?? `attachment-${id}`);
    return c.body(file.bytes as Uint8Array<ArrayBuffer>, 200, {
      "content-type": file.mime,
      "content-length": String(file.bytes.byteLength),
      "content-disposition": `inline; filename="${ascii}"; filename*=UTF-8''${utf8}`,
      "x-content-type-options": "nosniff",
      "cache-control": "private, max-age=3600",
    });
  });
}

/** Evidence files (appeals now, rectification tasks later): upload and read back. */
export function attachmentRoutes() {
  const app = newRouter();
  registerUpload(app);
  registerDownload(app);
  return app;
}
