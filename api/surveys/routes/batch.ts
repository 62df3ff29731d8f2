import { createRoute, z } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { Invalid, TooLarge } from "../../errors.ts";
import { jsonBody, jsonResponse, problems, type Router } from "../../http/router.ts";
import { authorize } from "../../middleware/authorize.ts";
import { describeLimits, SMALL_UPLOAD_LIMITS } from "../../spreadsheet/limits.ts";
import { readResponseSheet } from "../import-read.ts";
import { ingestResponses } from "../ingest.ts";
import { SurveyBatch, SurveyBatchResult, SurveyId } from "../schema.ts";

/** A spreadsheet of paper surveys: 10 MiB is some 100,000 rows of CSV. */
const IMPORT_LIMIT = 10 * 1024 * 1024;

const batch = createRoute({
  method: "post",
  path: "/survey-responses/batch",
  tags: ["surveys"],
  summary: "Store fieldwork and paper survey responses in bulk (assessor, admin)",
  description:
    "Each record is checked on its own; good ones are stored, each bad one comes back with its index, field and reason. Records are identified by `id` when given (a re-send stores nothing new).",
  middleware: [authorize("surveyResponses.batch")] as const,
  request: { body: jsonBody(SurveyBatch) },
  responses: {
    200: jsonResponse(SurveyBatchResult, "What was stored and what was rejected"),
    ...problems(400, 401, 403, 404, 413, 415, 422),
  },
});

const upload = createRoute({
  method: "post",
  path: "/survey-responses/import",
  tags: ["surveys"],
  summary: "Import survey responses from a CSV or XLSX file (assessor, admin)",
  description:
    "Multipart `file` (CSV in UTF-8 or GB18030, or XLSX, first sheet) and optional `surveyId` (default `satisfaction`). Columns, English or Chinese headers: orgUnit/单位编码, submittedAt/填写时间 (a time without an offset is Beijing time), overall/总体满意度, timeliness/办理时效, effectiveness/解决效果, transparency/沟通透明, attitude/服务态度 (1–5), ageBand/年龄段, comment/意见建议, mode/方式 (self/assisted or 自填/代填), id (optional). Per-record rejections name the spreadsheet row. " +
    describeLimits(SMALL_UPLOAD_LIMITS),
  middleware: [
    authorize("surveyResponses.batch"),
    bodyLimit({
      maxSize: IMPORT_LIMIT,
      onError: () => {
        throw new TooLarge(`文件超过 ${IMPORT_LIMIT / 1024 / 1024} MiB 上限`);
      },
    }),
  ] as const,
  request: {
    body: {
      required: true,
      content: {
        "multipart/form-data": {
          schema: z.object({
            file: z.any().openapi({ type: "string", format: "binary" }),
            surveyId: SurveyId.optional(),
          }),
        },
      },
    },
  },
  responses: {
    200: jsonResponse(SurveyBatchResult, "What was stored and what was rejected"),
    ...problems(400, 401, 403, 404, 413, 415, 422),
  },
});

export function registerBatch(app: Router) {
  app.openapi(batch, async (c) => {
    const body = c.req.valid("json");
    const outcome = await ingestResponses(c, body, body.responses);
    c.set("auditTarget", `survey-responses: ${body.surveyId} batch`);
    c.set("auditDetail", { ...outcome, rejected: outcome.rejected.length });
    return c.json(outcome, 200);
  });

  app.openapi(upload, async (c) => {
    const form = await c.req.parseBody();
    const file = form.file;
    if (!(file instanceof File)) {
      throw new Invalid("没有上传文件", [
        { path: "body.file", message: "请在字段 file 中上传表格" },
      ]);
    }
    const surveyId = SurveyId.safeParse(form.surveyId ?? "satisfaction");
    if (!surveyId.success) {
      throw new Invalid("问卷编号有误", [{ path: "body.surveyId", message: "不是有效的问卷编号" }]);
    }
    const sheet = await readResponseSheet(
      file.name,
      new Uint8Array(await file.arrayBuffer()),
      c.get("deps").sheets,
    );
    const outcome = await ingestResponses(
      c,
      { surveyId: surveyId.data },
      sheet.records,
      sheet.rows,
    );
    c.set("auditTarget", `survey-responses: ${surveyId.data} import ${file.name}`);
    c.set("auditDetail", { ...outcome, rejected: outcome.rejected.length });
    return c.json(outcome, 200);
  });
}
