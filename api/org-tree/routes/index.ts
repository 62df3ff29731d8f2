import { newRouter } from "../../http/router.ts";
import { registerGetOrgUnits } from "./get.ts";
import { registerImportOrgUnits } from "./import.ts";
import { registerPutOrgUnits } from "./put.ts";

export function orgUnitRoutes() {
  const app = newRouter();
  registerPutOrgUnits(app);
  registerGetOrgUnits(app);
  registerImportOrgUnits(app);
  return app;
}
