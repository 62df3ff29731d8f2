import { createRoute, z } from "@hono/zod-openapi";
import { Conflict, Forbidden, Invalid, NotFound } from "../../errors.ts";
import { int4Text, jsonBody, jsonResponse, problems, type Router } from "../../http/router.ts";
import { authorize } from "../../middleware/authorize.ts";
import { compileSurvey } from "../definition.ts";
import { checkDefinitionSafety, containsHtmlTag } from "../definition-safety.ts";
import { findSurvey, insertSurveyVersion, listSurveys } from "../queries.ts";
import { NewSurvey, SurveyList, SurveyParams, SurveyVersion } from "../schema.ts";

const list = createRoute({
  method: "get",
  path: "/surveys",
  tags: ["surveys"],
  summary: "Survey definitions at their latest versions (public: the forms are public)",
  security: [],
  responses: { 200: jsonResponse(SurveyList, "Surveys by id"), ...problems() },
});

const get = createRoute({
  method: "get",
  path: "/surveys/{id}",
  tags: ["surveys"],
  summary: "One survey's definition, latest or `?version=N` (public)",
  security: [],
  request: {
    params: SurveyParams,
    query: z.object({ version: int4Text(1).optional() }),
  },
  responses: {
    200: jsonResponse(SurveyVersion, "The SurveyJS definition and its version"),
    ...problems(404, 422),
  },
});

const post = createRoute({
  method: "post",
  path: "/surveys",
  tags: ["surveys"],
  summary: "Store a new version of a survey definition (administrator of the whole tree)",
  description:
    "Surveys are shared by the whole tree, so only an administrator whose scope is the whole tree may store one (403 otherwise). The definition is SurveyJS JSON. It may not carry markup or script: the `html` question type, `…Html` properties (`completedHtml`, `loadingHtml`…), `navigateToUrl`, strings with HTML tags or `javascript:` links, and expressions calling functions survey-core does not provide are rejected (422, each field named). It is then loaded with survey-core's Model to check it: unknown question types or properties, no questions, duplicate answer names, or an `overall`/`timeliness`/`effectiveness`/`transparency`/`attitude` item that is not a 1–5 rating are rejected. Versions are never edited: each POST adds the next version; responses keep the version they answered.",
  middleware: [authorize("surveys.write")] as const,
  request: { body: jsonBody(NewSurvey) },
  responses: {
    201: jsonResponse(SurveyVersion, "The stored version"),
    ...problems(400, 401, 403, 409, 415, 422),
  },
});

function present(row: {
  id: string;
  version: number;
  title: string;
  definition: unknown;
  createdBy: string | null;
  createdAt: Date;
}) {
  return {
    id: row.id,
    version: row.version,
    title: row.title,
    definition: row.definition as Record<string, unknown>,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
  };
}

export function registerDefinitions(app: Router) {
  app.openapi(list, async (c) => {
    const rows = await listSurveys(c.get("deps").store.db);
    return c.json(
      {
        surveys: rows.map((r) => ({
          id: r.id,
          version: r.version,
          versions: r.versions,
          title: r.title,
          createdAt: r.createdAt.toISOString(),
        })),
      },
      200,
    );
  });

  app.openapi(get, async (c) => {
    const { id } = c.req.valid("param");
    const { version } = c.req.valid("query");
    const row = await findSurvey(c.get("deps").store.db, id, version);
    if (!row) throw new NotFound(`没有问卷 ${id}${version ? ` 第 ${version} 版` : ""}`);
    return c.json(present(row), 200);
  });

  app.openapi(post, async (c) => {
    const body = c.req.valid("json");
    const deps = c.get("deps");
    // A survey is answered in every unit of the tree (there is no per-unit survey), so only an
    // administrator of the whole tree changes one, as with schemes.
    if (c.get("principal")!.scopeUnitId !== null) {
      throw new Forbidden("问卷定义由整个组织树共用，只有管理整个组织树的管理员可以修改");
    }
    const unsafe = await checkDefinitionSafety(body.definition);
    if (containsHtmlTag(body.title))
      unsafe.unshift({ path: "title", message: "不允许包含 HTML 标签" });
    if (unsafe.length > 0) {
      throw new Invalid(
        "问卷定义含有不允许的 HTML 或脚本内容",
        unsafe.map((e) => ({ ...e, path: `body.${e.path}` })),
      );
    }
    const { errors } = await compileSurvey({ ...body, version: 0 });
    if (errors.length > 0) {
      throw new Invalid(
        "问卷定义无法使用，见 errors 中各字段",
        errors.map((e) => ({ ...e, path: `body.${e.path}` })),
      );
    }
    let version: number;
    try {
      version = await insertSurveyVersion(deps.store.db, {
        ...body,
        createdBy: c.get("principal")!.name,
      });
    } catch (err) {
      if (/duplicate key|unique/i.test(String((err as Error).message))) {
        throw new Conflict(`问卷 ${body.id} 恰好同时被修改，请重新提交`);
      }
      throw err;
    }
    deps.surveys.forgetLatest(body.id);
    const row = (await findSurvey(deps.store.db, body.id, version))!;
    c.set("auditTarget", `surveys: ${body.id} v${version}`);
    c.set("auditDetail", { id: body.id, version, title: body.title });
    return c.json(present(row), 201);
  });
}
