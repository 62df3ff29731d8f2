import { newRouter } from "../common.ts";

/** Placeholder: filled in by its issue. */
export function jobRoutes() {
  const app = newRouter();
  return app;
}
