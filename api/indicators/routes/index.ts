import { newRouter } from "../../http/router.ts";
import { registerGetIndicators } from "./get.ts";
import { registerSensitivity } from "./sensitivity.ts";
import { registerWhatIf } from "./what-if.ts";

export function indicatorRoutes() {
  const app = newRouter();
  registerGetIndicators(app);
  registerWhatIf(app);
  registerSensitivity(app);
  return app;
}
