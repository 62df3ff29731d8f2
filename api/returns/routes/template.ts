import { createRoute, z } from "@hono/zod-openapi";
import { scopedRoot } from "../../access/scope.ts";
import { Invalid } from "../../errors.ts";
import { problems, type Router } from "../../http/router.ts";
import { authorize } from "../../middleware/authorize.ts";
import { findUnitByCode } from "../../org-tree/queries.ts";
import { acceptedPeriod } from "../../periods/rules.ts";
import { communitySheetRows } from "../queries.ts";
import { TemplateQuery } from "../schema.ts";

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const route = createRoute({
  method: "get",
  path: "/returns/template.xlsx",
  tags: ["returns"],
  summary: "The quarterly-return template, pre-filled for the caller's communities",
  description:
    "One row per community (the filing level; grids do not file returns) of the subtree under `orgUnit` " +
    "(default: the caller's scope), with code and name locked, the 13 figures as unlocked cells validated as numbers ≥ 0 " +
    "and pre-filled with the stored return, the period in cell B1 and a 填写说明 sheet. Fill it in and POST it to /returns/upload.",
  // For those who both read and file returns: the template embeds the stored figures (a read),
  // so a platform key, which may file but not read, is refused.
  middleware: [authorize("returns.write"), authorize("returns.read")] as const,
  request: { query: TemplateQuery },
  responses: {
    200: {
      description: "The workbook",
      content: { [XLSX_TYPE]: { schema: z.string().openapi({ format: "binary" }) } },
    },
    ...problems(401, 403, 404, 422),
  },
});

export function registerTemplate(app: Router) {
  app.openapi(route, async (c) => {
    const { period, orgUnit } = c.req.valid("query");
    const { db } = c.get("deps").store;
    const root = await scopedRoot(db, c.get("principal")!, orgUnit);
    const rows = await communitySheetRows(db, root.id, acceptedPeriod(period, "query.period"));
    if (rows.length === 0) {
      throw new Invalid("没有需要填报的单位", [
        { path: "query.orgUnit", message: `${root.code ?? "组织树"} 下没有社区` },
      ]);
    }
    const rootUnit = root.code === null ? undefined : await findUnitByCode(db, root.code);
    const scopeLabel = rootUnit ? `${rootUnit.code} ${rootUnit.name}` : "全部单位";
    const { buildTemplate } = await import("../workbook/template.ts");
    const bytes = await buildTemplate({ period, scopeLabel, rows });
    const file = `returns-${root.code ?? "all"}-${period}.xlsx`;
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      "content-type": XLSX_TYPE,
      "content-disposition": `attachment; filename="${file}"; filename*=UTF-8''${encodeURIComponent(`季度填报-${root.code ?? "all"}-${period}.xlsx`)}`,
      "cache-control": "no-store",
    });
  });
}
