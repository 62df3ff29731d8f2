import { createRoute } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { TooLarge } from "../../errors.ts";
import { jsonResponse, problems, type Router } from "../../http/router.ts";
import { authorize } from "../../middleware/authorize.ts";
import { describeLimits, SMALL_UPLOAD_LIMITS } from "../../spreadsheet/limits.ts";
import { UploadForm, UploadResult } from "../schema.ts";
import { uploadReturns } from "../upload.ts";

/** A filled template for a whole city is well under 2 MiB; 10 MiB leaves room and bounds memory. */
export const UPLOAD_LIMIT = 10 * 1024 * 1024;

const route = createRoute({
  method: "post",
  path: "/returns/upload",
  tags: ["returns"],
  summary: "Upload a filled quarterly-return template (all or nothing)",
  description:
    "Multipart field `file`: the workbook from GET /returns/template.xlsx, filled in; optional `period` must match its B1 cell. " +
    "Every problem (unknown code, unit outside your scope, negative or non-numeric figure, wrong period, wrong columns) is listed " +
    "with its cell (`季度填报!C5`) and nothing is written; a closed quarter is refused (409). Otherwise each row with figures replaces that unit's return " +
    "(history kept, identical rows unchanged); a row with no figure at all is left as it is. At most 10 MiB. " +
    describeLimits(SMALL_UPLOAD_LIMITS),
  middleware: [
    authorize("returns.write"),
    bodyLimit({
      maxSize: UPLOAD_LIMIT,
      onError: () => {
        throw new TooLarge(`上传的文件超过 ${UPLOAD_LIMIT / 1024 / 1024} MiB 上限`);
      },
    }),
  ] as const,
  request: {
    body: { content: { "multipart/form-data": { schema: UploadForm } }, required: true },
  },
  responses: {
    200: jsonResponse(UploadResult, "How many returns changed, were identical or were left blank"),
    ...problems(400, 401, 403, 409, 413, 415, 422),
  },
});

export function registerUpload(app: Router) {
  app.openapi(route, async (c) => {
    const form = c.req.valid("form");
    const principal = c.get("principal")!;
    const { store, sheets } = c.get("deps");
    const bytes = new Uint8Array(await form.file.arrayBuffer());
    const { rows, ...result } = await uploadReturns(
      store.db,
      sheets,
      bytes,
      form.period,
      principal,
    );
    c.set("auditTarget", `returns upload: ${result.period}, ${rows} row(s)`);
    c.set("auditDetail", { ...result, file: form.file.name });
    return c.json(result, 200);
  });
}
