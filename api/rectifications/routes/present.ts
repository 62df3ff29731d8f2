import type { Context } from "hono";
import { shanghaiDate } from "../../../shapes/periods.ts";
import type { RectificationTask } from "../../../shapes/rectifications.ts";
import type { AppEnv } from "../../env.ts";
import { NotFound } from "../../errors.ts";
import { presentTasks } from "../ledger.ts";
import { getTask } from "../queries/read.ts";

/** The request's clock: the app's `now` (tests) or the system's. */
export const nowOf = (c: Context<AppEnv>) => c.get("deps").now?.() ?? new Date();

/** Task `id` as the API answers it, with its trend (404 when it does not exist). */
export async function loadTask(c: Context<AppEnv>, id: number): Promise<RectificationTask> {
  const { engine } = c.get("deps");
  const now = nowOf(c);
  const row = await getTask(engine.db, id, shanghaiDate(now));
  if (!row) throw new NotFound(`没有编号为 ${id} 的整改任务`);
  return (await presentTasks({ engine, now }, [row]))[0]!;
}
