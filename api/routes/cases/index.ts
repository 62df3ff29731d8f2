import { newRouter } from "../common.ts";

/** Placeholder: filled in by its issue. */
export function caseRoutes() {
  const app = newRouter();
  return app;
}
