import { newRouter } from "../common.ts";

/** Placeholder: filled in by its issue. */
export function dataQualityRoutes() {
  const app = newRouter();
  return app;
}
