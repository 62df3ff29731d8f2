import type { Context, Hono } from "hono";
import { isBaseLevel } from "../../../shapes/org-levels.ts";
import { quarterOf } from "../../../shapes/periods.ts";
import { SurveyMessage } from "../../../web/components/survey-shell.tsx";
import {
  type PosterProgress,
  type SurveyPoster,
  SurveyPosterPage,
} from "../../../web/pages/survey-poster-page.tsx";
import type { AppEnv } from "../../env.ts";
import { SATISFACTION_SURVEY } from "../../indicators/cold.ts";
import { cspNonce } from "../../middleware/security-headers.ts";
import { loadQrcode, surveyLink } from "../link.ts";
import { posterUnits } from "../queries.ts";
import { samplePlans } from "../sample-plan.ts";

/**
 * The progress each poster shows (本季度已收 x 份 / 目标 n 份): the satisfaction survey's sample
 * plans of the quarter now, by community; a grid's poster shows its community's. Other surveys
 * have no plan.
 */
async function posterProgress(
  c: Context<AppEnv>,
  surveyId: string,
  root: { id: number; code: string; name: string; level: string },
): Promise<(u: { code: string; level: string }) => PosterProgress | null> {
  if (surveyId !== SATISFACTION_SURVEY) return () => null;
  const deps = c.get("deps");
  const q = quarterOf(deps.now?.() ?? new Date());
  const { plans } = await samplePlans(deps.store.db, { surveyId, unit: root, q });
  const byCode = new Map(plans.map((p) => [p.orgUnit.code, p]));
  return (u) => {
    const p = byCode.get(u.code) ?? (!isBaseLevel(u.level) && plans.length === 1 ? plans[0] : null);
    if (!p) return null;
    return {
      unitName: p.orgUnit.code === u.code ? null : p.orgUnit.name,
      collected: p.collected,
      target: p.target,
      share: p.share,
    };
  };
}

/** A district prints at most this many posters at once (a large district has ~300 communities). */
const MAX_POSTERS = 1000;

/**
 * GET /posters/{surveyId}/{code}: printable A4 QR posters, one page per community of the unit's
 * subtree (a street's communities), or the unit itself when it is a community or a grid.
 * Public: a poster carries only the public link and the community's sample progress (counts).
 */
export function registerPosters(app: Hono<AppEnv>) {
  app.get("/posters/:surveyId/:code", async (c) => {
    const { surveyId, code } = c.req.param();
    const deps = c.get("deps");
    const rt = deps.surveys;
    const ok = /^[a-z0-9][a-z0-9_-]{0,63}$/.test(surveyId) && /^[0-9A-Za-z_-]{1,32}$/.test(code);
    const survey = ok ? await rt.survey(surveyId) : null;
    const unit = survey ? await rt.unit(code) : null;
    if (!survey || !unit) {
      return c.html(
        <SurveyMessage title="页面不存在" nonce={cspNonce(c)}>
          <p>{survey ? `没有找到编码为“${code}”的单位。` : "没有找到这份问卷。"}</p>
        </SurveyMessage>,
        404,
      );
    }
    const qr = await loadQrcode();
    const units = (await posterUnits(deps.store.db, unit.id)).slice(0, MAX_POSTERS);
    const progressOf = await posterProgress(c, survey.id, unit);
    const posters: SurveyPoster[] = [];
    for (const u of units) {
      const url = surveyLink(c, survey.id, u.code);
      const qrSvg = await qr.toString(url, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
      posters.push({
        unitName: u.name,
        unitCode: u.code,
        parentName: u.parentName,
        url,
        qrSvg,
        progress: progressOf(u),
      });
    }
    return c.html(<SurveyPosterPage title={survey.title} posters={posters} nonce={cspNonce(c)} />);
  });
}
