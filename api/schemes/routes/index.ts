import { newRouter } from "../../http/router.ts";
import { registerCreateScheme } from "./create.ts";
import { registerListSchemes } from "./list.ts";

export function schemeRoutes() {
  const app = newRouter();
  registerListSchemes(app);
  registerCreateScheme(app);
  return app;
}
