import { newRouter } from "../common.ts";

/** Placeholder: filled in by its issue. */
export function indicatorRoutes() {
  const app = newRouter();
  return app;
}
