import bcrypt from "bcryptjs";
import type { Config } from "./config.ts";
import type { Store } from "./db/client.ts";
import { migrateToLatest } from "./db/migrate.ts";
import { clearStoredFigures } from "./db/queries/quarter-figures.ts";
import { countAdmins, insertUser } from "./db/queries/users.ts";
import { recoverJobs } from "./jobs/runner.ts";
import type { Logger } from "./logger.ts";

/**
 * What every start does before serving: apply pending migrations, fail jobs a restart cut off,
 * then create user `admin` from ADMIN_PASSWORD when the instance has no administrator yet.
 */
export async function prepareStore(store: Store, config: Config, logger: Logger): Promise<void> {
  const applied = await migrateToLatest(store.db);
  if (applied.length > 0) logger.info({ applied }, "migrations applied");
  // Stored indicator figures are a cache; this build may compute them differently.
  await clearStoredFigures(store.db);
  // One app instance per database: a job still queued or running now was cut off by a restart.
  const interrupted = await recoverJobs(store.db);
  if (interrupted > 0) logger.warn({ interrupted }, "jobs interrupted by restart marked failed");
  if (config.ADMIN_PASSWORD && (await countAdmins(store.db)) === 0) {
    const id = await insertUser(store.db, {
      username: "admin",
      displayName: "系统管理员",
      passwordHash: await bcrypt.hash(config.ADMIN_PASSWORD, 10),
      role: "admin",
      orgUnitId: null,
    });
    if (id === 0) logger.warn("ADMIN_PASSWORD ignored: a user named admin (in any case) exists");
    else logger.info("created user admin from ADMIN_PASSWORD");
  }
}
