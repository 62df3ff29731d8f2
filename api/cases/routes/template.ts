import { createRoute, z } from "@hono/zod-openapi";
import { problems, type Router } from "../../http/router.ts";
import { authorize } from "../../middleware/authorize.ts";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const route = createRoute({
  method: "get",
  path: "/cases/template.xlsx",
  tags: ["cases"],
  summary: "The case import template (Chinese headers, drop-downs, 填写说明 sheet)",
  middleware: [authorize("cases.ingest")] as const,
  responses: {
    200: {
      description: "An XLSX workbook for POST /cases/import",
      content: { [XLSX]: { schema: z.string().openapi({ format: "binary" }) } },
    },
    ...problems(401, 403),
  },
});

export function registerCaseTemplate(app: Router) {
  app.openapi(route, async (c) => {
    // exceljs is Node-only: loaded on first use so the Worker bundle does not include it.
    const { buildCaseTemplate } = await import("../files/template-workbook.ts");
    const bytes = await buildCaseTemplate();
    return c.body(bytes, 200, {
      "content-type": XLSX,
      "content-disposition": `attachment; filename="cases-template.xlsx"; filename*=UTF-8''${encodeURIComponent("工单导入模板.xlsx")}`,
      "cache-control": "no-store",
    });
  });
}
