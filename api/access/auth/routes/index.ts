import { newRouter } from "../../../http/router.ts";
import { registerLogin } from "./login.ts";
import { registerSession } from "./session.ts";

export function authRoutes() {
  const app = newRouter();
  registerLogin(app);
  registerSession(app);
  return app;
}
