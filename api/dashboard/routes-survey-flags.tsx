/**
 * 问卷核查 (issue 22): an assessor's page of the survey responses flagged as possible stuffing
 * in a unit's subtree and quarter. The page's plain form posts the ticked responses and the
 * decision here; the decision goes through the same domain function as the API
 * (api/surveys/integrity/decide.ts: flags and scope checked), from this site only, audited.
 */
import { type Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { SurveyFlagsPage } from "../../web/pages/survey-flags.tsx";
import type { FlagOutcomeView } from "../../web/pages/survey-flags-model.ts";
import type { AppEnv } from "../env.ts";
import { Forbidden, NotFound, TooLarge } from "../errors.ts";
import { decideScoped } from "../surveys/integrity/decide.ts";
import { buildSurveyFlagsPage } from "../surveys/integrity/page.ts";
import type { Resolved } from "./context.ts";
import { pagePath } from "./nav.ts";
import { auditPagePosts, sameSite } from "./page-posts.ts";
import { errorPage, page } from "./routes.tsx";

type Ctx = Context<AppEnv>;

/** Up to 1,000 ticked ids of 36 characters each. */
const formLimit = bodyLimit({
  maxSize: 64 * 1024,
  onError: () => {
    throw new TooLarge("提交的表单过大");
  },
});

const DECISIONS = { confirmed: "确认剔除", dismissed: "驳回" } as const;

export function surveyFlagPageRoutes() {
  const app = new Hono<AppEnv>();

  const render = async (
    c: Ctx,
    p: Resolved,
    scripts: Parameters<typeof SurveyFlagsPage>[0]["scripts"],
    outcome: FlagOutcomeView | null,
    status: 200 | 403 | 404 | 422 = 200,
  ) => {
    const view = await buildSurveyFlagsPage(c.get("deps").store.db, p, outcome);
    return c.html(<SurveyFlagsPage view={view} scripts={scripts} />, status);
  };

  app.get("/dashboard/:code/survey-flags", (c) =>
    page(c, "survey-flags", (p, scripts) => render(c, p, scripts, null)),
  );

  app.post(
    "/dashboard/:code/survey-flags/decision",
    auditPagePosts(() => "surveyFlags.decide"),
    formLimit,
    (c) =>
      page(c, "survey-flags", async (p, scripts) => {
        if (!sameSite(c)) {
          return errorPage(c, {
            status: 403,
            title: "请求被拒绝",
            message: "只能在本系统的页面中提交核查结果。请回到问卷核查页面重新提交。",
            back: {
              href: pagePath("survey-flags", p.unit.code, p.ctx.period),
              label: "返回问卷核查",
            },
            nav: p.ctx.nav,
          });
        }
        const body = await c.req.parseBody({ all: true });
        const raw = body.id;
        const ids = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter(
          (x): x is string => typeof x === "string" && x.length > 0,
        );
        const decision = body.decision;
        if (decision !== "confirmed" && decision !== "dismissed") {
          return render(c, p, scripts, { ok: false, message: "请选择“确认剔除”或“驳回”。" }, 422);
        }
        if (ids.length === 0) {
          const message = `请先勾选要${DECISIONS[decision]}的问卷。`;
          return render(c, p, scripts, { ok: false, message }, 422);
        }
        c.set("auditTarget", `survey-flags: ${decision}`);
        c.set("auditDetail", { decision, responseIds: [...new Set(ids)], via: "page" });
        try {
          const n = await decideScoped(c.get("deps").store.db, p.principal, ids, decision);
          c.set("auditTarget", `survey-flags: ${decision} ${n}`);
          const message =
            decision === "confirmed"
              ? `已确认剔除 ${n} 份问卷：它们不再计入满意度和 G4。`
              : `已驳回 ${n} 份问卷的标记：它们照常计入满意度和 G4。`;
          return render(c, p, scripts, { ok: true, message });
        } catch (err) {
          if (err instanceof Forbidden)
            return render(c, p, scripts, { ok: false, message: err.message }, 403);
          if (err instanceof NotFound)
            return render(c, p, scripts, { ok: false, message: err.message }, 404);
          throw err;
        }
      }),
  );

  return app;
}
