import { Hono } from "hono";
import type { AppEnv } from "../../env.ts";

/** Placeholder: the public survey pages (issue 6). */
export function surveyPageRoutes() {
  const app = new Hono<AppEnv>();
  return app;
}
