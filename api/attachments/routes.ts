import { createRoute, z } from "@hono/zod-openapi";
import { creatorKey } from "../access/principal.ts";
import { NotFound } from "../errors.ts";
import { jsonResponse, newRouter, problems, type Router } from "../http/router.ts";
import { authorize } from "../middleware/authorize.ts";
import { acceptEvidence, uploadLimit } from "./accept.ts";
import { attachmentBytes, mayReadAttachment } from "./queries.ts";
import { AttachmentForm, AttachmentParams, StoredAttachment } from "./schema.ts";

const upload = createRoute({
  method: "post",
  path: "/attachments",
  tags: ["attachments"],
  summary: "Upload an evidence file (image or PDF, at most 10 MB)",
  description:
    "Multipart field `file`. The type is sniffed from the bytes (PNG, JPEG, WebP, GIF, PDF); anything else is refused " +
    "(422), whatever its name or declared type. The body is counted as it streams and cut off past the limit (413). " +
    "The answer's `id` goes into an appeal's `attachments`.",
  middleware: [authorize("attachments.write"), uploadLimit()] as const,
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

function registerUpload(app: Router) {
  app.openapi(upload, async (c) => {
    const { file } = c.req.valid("form");
    const principal = c.get("principal")!;
    const { store, now } = c.get("deps");
    const stored = await acceptEvidence(store.db, file, creatorKey(principal), now?.());
    c.set("auditTarget", `attachment ${stored.id}`);
    c.set("auditDetail", {
      name: stored.name,
      mime: stored.mime,
      size: stored.size,
      sha256: stored.sha256,
    });
    return c.json({ ...stored, url: `/api/v1/attachments/${stored.id}` }, 201);
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
