import { newRouter } from "../common.ts";

/** Placeholder: filled in by its issue. */
export function schemeRoutes() {
  const app = newRouter();
  return app;
}
