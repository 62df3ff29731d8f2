import { newRouter } from "../../http/router.ts";
import { BatchSurveyResponse } from "../schema.ts";
import { registerBatch } from "./batch.ts";
import { registerDefinitions } from "./definitions.ts";
import { registerFlags } from "./flags.ts";
import { registerQr } from "./qr.ts";
import { registerRespond } from "./respond.ts";
import { registerSamplePlans } from "./sample-plans.ts";
import { registerStats } from "./stats.ts";

/**
 * Satisfaction surveys: definitions (SurveyJS JSON, versioned), public and assisted submission,
 * batch and spreadsheet import, statistics with margins of error, sample plans, QR codes of the
 * public links, and the stuffing flags assessors confirm or dismiss. The public pages themselves
 * are in ../survey-pages.
 */
export function surveyRoutes() {
  const app = newRouter();
  app.openAPIRegistry.register("BatchSurveyResponse", BatchSurveyResponse);
  registerDefinitions(app);
  registerRespond(app);
  registerBatch(app);
  registerStats(app);
  registerSamplePlans(app);
  registerQr(app);
  registerFlags(app);
  return app;
}
