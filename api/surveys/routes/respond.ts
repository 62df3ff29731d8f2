import { createRoute } from "@hono/zod-openapi";
import { jsonBody, jsonResponse, problems, type Router } from "../../http/router.ts";
import { submissionLimit } from "../limit.ts";
import { NewSurveyResponse, SurveyResponseAck } from "../schema.ts";
import { submitResponse } from "../submit.ts";

export function registerRespond(app: Router) {
  const route = createRoute({
    method: "post",
    path: "/survey-responses",
    tags: ["surveys"],
    summary: "Submit a survey response (public, no sign-in)",
    description:
      "Anonymous: no address or device id is stored, only a salted hash; phone and ID numbers in free text are masked. Answers are checked against the stored SurveyJS definition; a resident's own response (`mode: self`) must answer `overall` (422 otherwise). A re-send with the same `id` stores nothing new and answers 200. `mode: assisted` needs a signed-in clerk or assessor whose scope holds the unit; it records who entered it. Rate limited per client (429 with Retry-After).",
    security: [],
    middleware: [submissionLimit()] as const,
    request: { body: jsonBody(NewSurveyResponse) },
    responses: {
      201: jsonResponse(SurveyResponseAck, "Stored"),
      200: jsonResponse(SurveyResponseAck, "Already stored (a re-send); nothing new"),
      ...problems(400, 401, 403, 404, 413, 415, 422, 429),
    },
  });

  app.openapi(route, async (c) => {
    const { id, inserted } = await submitResponse(c, c.req.valid("json"));
    // Not audited one by one (app.ts skips this path): an assisted row names its clerk in entered_by.
    return c.json({ id }, inserted ? 201 : 200);
  });
}
