import bcrypt from "bcryptjs";
import type { Config } from "./config.ts";
import type { Store } from "./db/client.ts";
import { migrateToLatest } from "./db/migrate.ts";
import { countAdmins, insertUser } from "./db/queries/users.ts";
import type { Logger } from "./logger.ts";

/**
 * What every start does before serving: apply pending migrations, then create user `admin`
 * from ADMIN_PASSWORD when the instance has no administrator yet.
 */
export async function prepareStore(store: Store, config: Config, logger: Logger): Promise<void> {
  const applied = await migrateToLatest(store.db);
  if (applied.length > 0) logger.info({ applied }, "migrations applied");
  if (config.ADMIN_PASSWORD && (await countAdmins(store.db)) === 0) {
    await insertUser(store.db, {
      username: "admin",
      displayName: "系统管理员",
      passwordHash: await bcrypt.hash(config.ADMIN_PASSWORD, 10),
      role: "admin",
      orgUnitId: null,
    });
    logger.info("created user admin from ADMIN_PASSWORD");
  }
}
