import { createRoute, z } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { Invalid, TooLarge } from "../../errors.ts";
import { jsonResponse, problems, type Router } from "../../http/router.ts";
import { authorize } from "../../middleware/authorize.ts";
import { describeLimits, SMALL_UPLOAD_LIMITS } from "../../spreadsheet/limits.ts";
import { applyTreeChange } from "../apply.ts";
import { readOrgSheet } from "../import-read.ts";
import { PutOrgUnitsResult } from "../schema.ts";

const IMPORT_LIMIT = 10 * 1024 * 1024;

const route = createRoute({
  method: "post",
  path: "/org-units/import",
  tags: ["org units"],
  summary: "Create or update org units from an XLSX or CSV file (whole file applied or nothing)",
  description:
    "Multipart `file` (XLSX, first sheet, or CSV in UTF-8 or GB18030). Row 1 is the header; columns, Chinese or English: 编码/code, 名称/name, 层级/level (区, 县, 街道, 乡镇, 社区, 村, 网格 or the level codes), 上级编码/parentCode, 城乡/urban (城市/农村), 年份/year, 常住人口/population, 户数/households. A unit with several years' facts takes one row per year. Applied like PUT /org-units: every bad row or unit is named and nothing is written then; scoped to the caller's subtree. " +
    describeLimits(SMALL_UPLOAD_LIMITS),
  middleware: [
    authorize("orgUnits.write"),
    bodyLimit({
      maxSize: IMPORT_LIMIT,
      onError: () => {
        throw new TooLarge(`文件超过 ${IMPORT_LIMIT / 1024 / 1024} MiB`);
      },
    }),
  ] as const,
  request: {
    body: {
      required: true,
      content: {
        "multipart/form-data": {
          schema: z.object({ file: z.any().openapi({ type: "string", format: "binary" }) }),
        },
      },
    },
  },
  responses: {
    200: jsonResponse(PutOrgUnitsResult, "Counts of inserted, updated and unchanged units"),
    ...problems(400, 401, 403, 413, 415, 422),
  },
});

export function registerImportOrgUnits(app: Router) {
  app.openapi(route, async (c) => {
    const form = await c.req.parseBody();
    const file = form.file;
    if (!(file instanceof File)) {
      throw new Invalid("未收到文件", [{ path: "body.file", message: "请以 file 字段上传表格" }]);
    }
    const { store, sheets } = c.get("deps");
    const bytes = new Uint8Array(await file.arrayBuffer());
    const { units, rows } = await readOrgSheet(file.name, bytes, sheets);
    // The plan names units by index; a person reading the answer looks for the sheet's row.
    const result = await applyTreeChange(store.db, c.get("principal")!, units, (path) =>
      path.replace(/^body\.units\.(\d+)/, (_, i: string) => `file.row${rows[Number(i)]}`),
    );
    c.set("auditTarget", `org-units: import ${file.name}, ${units.length} unit(s)`);
    c.set("auditDetail", { ...result, codes: units.slice(0, 50).map((u) => u.code) });
    return c.json(result, 200);
  });
}
