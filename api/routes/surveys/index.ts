import { newRouter } from "../common.ts";

/** Placeholder: filled in by its issue. */
export function surveyRoutes() {
  const app = newRouter();
  return app;
}
