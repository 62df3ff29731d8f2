import { Hono } from "hono";
import { compress } from "hono/compress";
import { SurveyMessage } from "../../../web/components/survey-shell.tsx";
import { SurveyLoginPage } from "../../../web/pages/survey-login-page.tsx";
import { SurveyPage } from "../../../web/pages/survey-page.tsx";
import { registerAssets, webEntry } from "../../assets/survey.ts";
import type { AppEnv } from "../../env.ts";
import { cspNonce } from "../../middleware/security-headers.ts";
import { isInSubtree } from "../../org-tree/queries.ts";
import { permits } from "../access.ts";
import { registerPosters } from "./posters.tsx";
import { publicFormPage, registerPublicForm, text } from "./public-form.tsx";

const CODE = /^[0-9A-Za-z_-]{1,32}$/;
const SURVEY = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/**
 * The public survey pages: the form of a unit (/s/{surveyId}/{orgUnitCode}, `?large=1` for the
 * large-type mode; server-rendered HTML that posts without script, see public-form.tsx, or
 * SurveyJS for a definition the native form cannot show), assisted entry at a service point (…/assisted, signed-in clerks and
 * assessors), printable QR posters (/posters/{surveyId}/{code}) and the built bundles.
 */
export function surveyPageRoutes() {
  const app = new Hono<AppEnv>();
  registerAssets(app);
  // The pages themselves gzipped (the bundles under /assets are stored compressed): the public
  // form is one 25 KB document, 5 KB gzipped, on a phone's slow line.
  app.use("/s/*", compress());
  registerPosters(app);
  registerPublicForm(app);

  app.get("/s/:surveyId/:code/:assisted?", async (c) => {
    const { surveyId, code, assisted } = c.req.param();
    if (assisted !== undefined && assisted !== "assisted") return c.notFound();
    const deps = c.get("deps");
    const rt = deps.surveys;
    const survey = SURVEY.test(surveyId) ? await rt.survey(surveyId) : null;
    const unit = survey && CODE.test(code) ? await rt.unit(code) : null;
    if (!survey || !unit) {
      return c.html(
        <SurveyMessage title="页面不存在" nonce={cspNonce(c)}>
          <p>{survey ? `没有找到编码为“${code}”的社区或单位。` : "没有找到这份问卷。"}</p>
          <p>请核对二维码或链接是否完整，或向社区工作人员咨询。</p>
        </SurveyMessage>,
        404,
      );
    }
    let enteredBy: string | undefined;
    if (assisted) {
      const principal = c.get("principal");
      if (!principal) return c.html(<SurveyLoginPage unitName={unit.name} nonce={cspNonce(c)} />);
      const inScope =
        principal.scopeUnitId === null ||
        (await isInSubtree(deps.store.db, principal.scopeUnitId, unit.id));
      if (!(await permits(c, "surveyResponses.assisted")) || !inScope) {
        return c.html(
          <SurveyMessage title="无法代填" nonce={cspNonce(c)}>
            <p>
              {inScope
                ? `账号“${principal.name}”没有代填录入的权限。`
                : `“${unit.name}”不在账号“${principal.name}”的管辖范围内。`}
            </p>
          </SurveyMessage>,
          403,
        );
      }
      enteredBy = principal.name;
    }
    const large = c.req.query("large") === "1";
    if (!assisted) {
      // A resident's form: plain HTML that works without script, if the definition allows.
      const native = await publicFormPage(c, survey, unit, large);
      if (native) return native;
    }
    const definition = survey.definition as Record<string, unknown>;
    const page = (
      <SurveyPage
        nonce={cspNonce(c)}
        view={{
          surveyId: survey.id,
          version: survey.version,
          title: text(definition.title) ?? survey.title,
          description: text(definition.description),
          definition,
          unit: { code: unit.code, name: unit.name },
          mode: assisted ? "assisted" : "self",
          large,
          assets: await webEntry(deps, "survey"),
          ...(enteredBy ? { enteredBy } : {}),
        }}
      />
    );
    return c.html(page, 200, { "cache-control": "no-store" });
  });
  return app;
}
