import { newRouter } from "../../http/router.ts";
import { registerDecideAppeal } from "./decide.ts";
import { registerFileAppeal } from "./file.ts";
import { registerListAppeals } from "./list.ts";

/** Appeals (申诉 / 核减, CYCLE.md): file, decide, list. */
export function appealRoutes() {
  const app = newRouter();
  registerFileAppeal(app);
  registerDecideAppeal(app);
  registerListAppeals(app);
  return app;
}
