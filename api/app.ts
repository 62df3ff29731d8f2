import { OpenAPIHono } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { requestId } from "hono/request-id";
import { apiKeyRoutes } from "./access/api-keys/routes.ts";
import { auditRoutes } from "./access/audit/routes.ts";
import { authRoutes } from "./access/auth/routes/index.ts";
import { userRoutes } from "./access/users/routes.ts";
import { appealRoutes } from "./appeals/routes/index.ts";
import { assessmentRoutes } from "./assessments/routes/index.ts";
import { faviconRoutes } from "./assets/favicon.ts";
import { fontRoutes } from "./assets/fonts.ts";
import { attachmentRoutes } from "./attachments/routes.ts";
import { caseRoutes } from "./cases/routes/index.ts";
import { dashboardRoutes } from "./dashboard/routes.tsx";
import { accessPageRoutes } from "./dashboard/routes-access.tsx";
import { rectificationPageRoutes } from "./dashboard/routes-rectification.tsx";
import { returnPageRoutes } from "./dashboard/routes-returns.tsx";
import { setupPageRoutes } from "./dashboard/routes-setup.tsx";
import { surveyFlagPageRoutes } from "./dashboard/routes-survey-flags.tsx";
import { workbenchPageRoutes } from "./dashboard/routes-workbench.tsx";
import { dataQualityRoutes } from "./data-quality/routes.ts";
import type { AppDeps, AppEnv } from "./env.ts";
import { onError, problem, problemResponse } from "./errors.ts";
import { exportRoutes } from "./exports/routes/index.ts";
import { pageRoutes } from "./http/docs-pages.tsx";
import { answerProblem } from "./http/error-pages.tsx";
import { healthRoutes } from "./http/health.ts";
import { allowedMethods } from "./http/method-check.ts";
import { indicatorRoutes } from "./indicators/routes/index.ts";
import { jobRoutes } from "./jobs/routes.ts";
import { audit } from "./middleware/audit.ts";
import { authenticate } from "./middleware/authenticate.ts";
import { requireContentType } from "./middleware/content-type.ts";
import { csrfForCookies } from "./middleware/csrf.ts";
import { requestLog } from "./middleware/request-log.ts";
import { securityHeaders } from "./middleware/security-headers.ts";
import { urlText } from "./middleware/url-text.ts";
import { orgUnitRoutes } from "./org-tree/routes/index.ts";
import { periodRoutes } from "./periods/routes.ts";
import { rectificationRoutes } from "./rectifications/routes/index.ts";
import { reportRoutes } from "./reporting/routes/index.ts";
import { returnRoutes } from "./returns/routes/index.ts";
import { schemeRoutes } from "./schemes/routes/index.ts";
import { surveyPageRoutes } from "./surveys/pages/index.tsx";
import { surveyRoutes } from "./surveys/routes/index.ts";

/** JSON bodies up to 32 MiB: a batch of 10,000 cases is about 6 MiB. */
const JSON_LIMIT = 32 * 1024 * 1024;
/** Paths whose bodies are multipart file uploads (evidence files: POST /attachments). */
const isUpload = (path: string) => /\/(import|upload|attachments)$/.test(path);

/** The whole application, wired to a store; the same app serves Node and Cloudflare Workers. */
export function createApp(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>();
  app.use("*", requestId({ headerName: "x-request-id" }));
  app.use("*", async function injectDeps(c, next) {
    c.set("deps", deps);
    await next();
  });
  app.use("*", requestLog());
  app.use("*", securityHeaders());
  app.use("*", urlText());
  const jsonLimit = bodyLimit({
    maxSize: JSON_LIMIT,
    onError: (c) =>
      problemResponse(c, problem(413, `请求体超过 ${JSON_LIMIT / 1024 / 1024} MiB 上限`)),
  });
  // Uploads stream their bodies and enforce their own (larger) limit; so does the case batch,
  // which reads its bytes straight from the Node request (cases/routes/batch.ts).
  app.use("/api/*", (c, next) => {
    const path = new URL(c.req.url).pathname;
    return isUpload(path) || path === "/api/v1/cases/batch" ? next() : jsonLimit(c, next);
  });
  app.use("/api/*", requireContentType({ multipart: isUpload }));
  app.use("*", authenticate());
  app.use("/api/*", csrfForCookies());
  app.use(
    "*",
    // Residents' own survey submissions are anonymous and many: not audited one by one. Assisted
    // entries (a signed-in clerk or assessor) are.
    audit({
      skip: (method, path, authenticated) =>
        !authenticated && method === "POST" && path === "/api/v1/survey-responses",
    }),
  );

  for (const routes of [
    authRoutes,
    orgUnitRoutes,
    userRoutes,
    apiKeyRoutes,
    auditRoutes,
    caseRoutes,
    jobRoutes,
    returnRoutes,
    dataQualityRoutes,
    indicatorRoutes,
    schemeRoutes,
    surveyRoutes,
    exportRoutes,
    reportRoutes,
    attachmentRoutes,
    appealRoutes,
    periodRoutes,
    rectificationRoutes,
    assessmentRoutes,
  ]) {
    app.route("/api/v1", routes());
  }
  app.route("/", healthRoutes());
  app.openAPIRegistry.registerComponent("securitySchemes", "bearer", {
    type: "http",
    scheme: "bearer",
    description: "A session token from POST /api/v1/auth/login, or a platform API key (k369_…)",
  });
  app.doc31("/api/v1/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "Scorecard 369 API",
      version: "1",
      description:
        "Supervision and evaluation of the 369 grassroots-governance plan. Errors are application/problem+json (RFC 9457).",
    },
    security: [{ bearer: [] }],
  });
  app.route("/", pageRoutes());
  app.route("/", fontRoutes());
  app.route("/", faviconRoutes());
  app.route("/", surveyPageRoutes());
  app.route("/", dashboardRoutes());
  app.route("/", rectificationPageRoutes());
  app.route("/", returnPageRoutes());
  app.route("/", workbenchPageRoutes());
  app.route("/", surveyFlagPageRoutes());
  app.route("/", setupPageRoutes());
  app.route("/", accessPageRoutes());

  const allowed = allowedMethods(app as never);
  app.notFound((c) => {
    const path = new URL(c.req.url).pathname;
    const methods = allowed(path);
    if (methods.length > 0) {
      return answerProblem(
        c,
        problem(405, `此地址不接受 ${c.req.method} 请求，请改用 ${methods.join("、")}`),
        {
          allow: methods.join(", "),
        },
      );
    }
    return answerProblem(c, problem(404, `没有这个地址：${path}`));
  });
  app.onError(onError(deps.logger, answerProblem));
  return app;
}

export type App = ReturnType<typeof createApp>;
