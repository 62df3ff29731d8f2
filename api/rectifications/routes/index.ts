import { newRouter } from "../../http/router.ts";
import { registerDecideTask } from "./decide.ts";
import { registerListTasks } from "./list.ts";
import { registerOpenTask } from "./open.ts";
import { registerWebhook } from "./webhook.ts";
import { registerWorkOnTask } from "./work.ts";

/** Rectification (整改 / 督办, CYCLE.md): list, open by hand, work, decide; units' webhooks. */
export function rectificationRoutes() {
  const app = newRouter();
  registerListTasks(app);
  registerOpenTask(app);
  registerWorkOnTask(app);
  registerDecideTask(app);
  registerWebhook(app);
  return app;
}
