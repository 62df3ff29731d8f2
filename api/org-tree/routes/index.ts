import { newRouter } from "../../http/router.ts";
import { registerGetOrgUnits } from "./get.ts";
import { registerPutOrgUnits } from "./put.ts";

export function orgUnitRoutes() {
  const app = newRouter();
  registerPutOrgUnits(app);
  registerGetOrgUnits(app);
  return app;
}
