import { newRouter } from "../common.ts";

/** Placeholder: filled in by its issue. */
export function returnRoutes() {
  const app = newRouter();
  return app;
}
