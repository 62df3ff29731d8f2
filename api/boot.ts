import { rm } from "node:fs/promises";
import { basename, isAbsolute } from "node:path";
import bcrypt from "bcryptjs";
import { countAdmins, insertUser } from "./access/users/queries.ts";
import type { Config } from "./config.ts";
import type { Store } from "./db/client.ts";
import { migrateToLatest } from "./db/migrate.ts";
import { clearStoredFigures } from "./indicators/queries/figures.ts";
import { recoverJobs, SPOOL_PREFIX } from "./jobs/runner.ts";
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
  // Its spooled upload (possibly hundreds of MiB) would otherwise stay in the temp directory.
  const interrupted = await recoverJobs(store.db);
  const removed = await removeSpools(interrupted.spools, logger);
  if (interrupted.failed > 0) {
    logger.warn(
      { interrupted: interrupted.failed, filesRemoved: removed },
      "jobs interrupted by restart marked failed",
    );
  }
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

/**
 * Removes the spooled uploads of interrupted jobs; returns how many. A path is removed only if
 * it looks like one of ours (absolute, our directory prefix): the path comes from the database.
 */
async function removeSpools(paths: string[], logger: Logger): Promise<number> {
  let removed = 0;
  for (const path of paths) {
    if (!isAbsolute(path) || !basename(path).startsWith(SPOOL_PREFIX)) {
      logger.warn({ path }, "not removing an interrupted job's files: not an upload directory");
      continue;
    }
    try {
      await rm(path, { recursive: true, force: true });
      removed++;
    } catch (err) {
      logger.warn({ err, path }, "could not remove an interrupted job's files");
    }
  }
  return removed;
}
