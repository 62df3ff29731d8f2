import { createRoute } from "@hono/zod-openapi";
import { Conflict, Forbidden, Invalid } from "../../errors.ts";
import { jsonBody, jsonResponse, problems, type Router } from "../../http/router.ts";
import { authorize } from "../../middleware/authorize.ts";
import { frozenYears } from "../../periods/queries.ts";
import { checkSchemeDefinition, frozenYearsHit, toSchemeVersion } from "../definition.ts";
import { insertSchemeVersion, listSchemeVersions, lockSchemes } from "../queries.ts";
import { CreatedScheme, NewSchemeVersion } from "../schema.ts";
import { schemeOut } from "./list.ts";

const route = createRoute({
  method: "post",
  path: "/schemes",
  tags: ["schemes"],
  summary: "Create the next version of a scoring scheme, valid from a year (admin)",
  description:
    "The definition must give all 17 indicators (target ≠ floor, the right way round for the indicator's direction; non-negative weights) and all four dimension weights; unknown codes are rejected. Versions are numbered 1, 2, … per scheme id and never edited: results for a year use the version with the latest validFromYear not after it (ties: the highest number), so a version applies from its year until a later-effective one. History is not rewritten: a version that would apply in a year with a closed quarter or a published report under this scheme is refused (409).",
  middleware: [authorize("schemes.write")] as const,
  request: { body: jsonBody(NewSchemeVersion) },
  responses: {
    201: jsonResponse(
      CreatedScheme,
      "The new version's id and number, and all versions of the scheme",
    ),
    ...problems(400, 401, 403, 409, 415, 422),
  },
});

export function registerCreateScheme(app: Router) {
  app.openapi(route, async (c) => {
    const body = c.req.valid("json");
    const principal = c.get("principal")!;
    // A scheme scores every unit of the tree, so only an administrator of the whole tree sets one.
    if (principal.scopeUnitId !== null) {
      throw new Forbidden("指标方案对整个组织树生效，您的管辖范围只是其中一部分，不能修改");
    }
    const { definition, errors } = checkSchemeDefinition(body.definition, "body.definition");
    if (errors.length > 0) throw new Invalid("指标方案定义无法使用，见 errors 中各字段", errors);
    const { db } = c.get("deps").store;
    const version = await db.transaction().execute(async (trx) => {
      // Checked under the lock closes take too, so no quarter closes between check and insert.
      await lockSchemes(trx);
      const existing = (await listSchemeVersions(trx, body.id)).map(toSchemeVersion);
      const hit = frozenYearsHit(existing, body.validFromYear, await frozenYears(trx, body.id));
      if (hit.length > 0) {
        const years = hit.map((h) => `${h.year} 年（${h.why.join("、")}）`).join("；");
        throw new Conflict(
          `新版本自 ${body.validFromYear} 年起生效，会改变 ${years}的结果；已关账季度和已发布报告的结果不能改写，请把生效年份设在 ${Math.max(...hit.map((h) => h.year)) + 1} 年或以后`,
        );
      }
      return insertSchemeVersion(trx, {
        id: body.id,
        validFromYear: body.validFromYear,
        name: body.name ?? body.id,
        definition,
        createdBy: principal.name,
      });
    });
    c.set("auditTarget", `scheme: ${body.id} v${version}`);
    c.set("auditDetail", { id: body.id, version, validFromYear: body.validFromYear });
    const versions = await listSchemeVersions(db, body.id);
    return c.json(
      {
        created: { id: body.id, version },
        schemes: versions.map((r) => schemeOut(toSchemeVersion(r))),
      },
      201,
    );
  });
}
