import { mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestEnv, STORE_KINDS, type TestEnv } from "../../test/stores.ts";
import { prepareStore } from "../boot.ts";
import { loadConfig } from "../config.ts";
import { Invalid } from "../errors.ts";
import { createLogger } from "../logger.ts";
import { getJob, insertJob } from "./queries.ts";
import { createJobRunner, INTERRUPTED, recoverJobs, SPOOL_PARAM, SPOOL_PREFIX } from "./runner.ts";

const spec = { kind: "test", createdBy: "user:1", params: { scopeUnitId: null } };

describe.each(STORE_KINDS)("job runner on %s", (kind) => {
  let env: TestEnv;
  const jobs = createJobRunner(createLogger("silent"));
  beforeAll(async () => {
    env = await openTestEnv(kind);
  });
  afterAll(async () => env?.close());

  it("runs work in the background, throttles progress and stores the result", async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const id = await jobs.start(env.store.db, spec, async (ctx) => {
      for (let i = 1; i <= 1000; i++) ctx.progress(i / 2000);
      await new Promise((r) => setTimeout(r, 50));
      await gate;
      return { answer: 42 };
    });
    const running = await getJob(env.store.db, id);
    expect(running).toMatchObject({ status: "running", kind: "test", createdBy: "user:1" });
    await new Promise((r) => setTimeout(r, 100));
    // 1,000 reports within one throttle window: only the first was written.
    expect((await getJob(env.store.db, id))!.progress).toBeLessThan(0.01);
    release();
    await jobs.settled();
    expect(await getJob(env.store.db, id)).toMatchObject({
      status: "done",
      progress: 1,
      result: { answer: 42 },
      error: null,
    });
  });

  it("records failures: domain messages as they are, anything else generically", async () => {
    const known = await jobs.start(env.store.db, spec, async () => {
      throw new Invalid("The file has no rows");
    });
    const unknown = await jobs.start(env.store.db, spec, async () => {
      throw new Error("secret detail");
    });
    await jobs.settled();
    expect(await getJob(env.store.db, known)).toMatchObject({
      status: "failed",
      error: "The file has no rows",
    });
    const failed = await getJob(env.store.db, unknown);
    expect(failed!.status).toBe("failed");
    expect(failed!.error).not.toContain("secret");
    expect(failed!.error).toBe("任务出现意外错误，已记入日志");
  });

  it("marks jobs left running by a crash as failed at start-up", async () => {
    const id = crypto.randomUUID();
    await insertJob(env.store.db, { id, kind: "test", createdBy: "user:1", params: {} });
    expect(await recoverJobs(env.store.db)).toEqual({ failed: 1, spools: [] });
    expect(await getJob(env.store.db, id)).toMatchObject({ status: "failed", error: INTERRUPTED });
    expect(INTERRUPTED).toContain("interrupted");
    expect(await recoverJobs(env.store.db)).toEqual({ failed: 0, spools: [] });
    expect(await getJob(env.store.db, "nope")).toBeUndefined();
  });

  it("removes the spooled upload of an import a restart cut off, and nothing else", async () => {
    const spool = await mkdtemp(join(tmpdir(), SPOOL_PREFIX));
    await writeFile(join(spool, "upload"), "来源,工单编号\n".repeat(1000));
    const foreign = await mkdtemp(join(tmpdir(), "not-an-upload-"));
    const [cut, odd] = [crypto.randomUUID(), crypto.randomUUID()];
    const job = (id: string, dir: string) =>
      insertJob(env.store.db, {
        id,
        kind: "cases.import",
        createdBy: "user:1",
        params: { scopeUnitId: null, [SPOOL_PARAM]: dir },
      });
    await job(cut, spool);
    await job(odd, foreign);
    try {
      // A restart: what api/node.ts does before serving.
      await prepareStore(env.store, loadConfig({ LOG_LEVEL: "silent" }), createLogger("silent"));
      await expect(stat(spool)).rejects.toThrow(/ENOENT/);
      expect((await stat(foreign)).isDirectory()).toBe(true);
      for (const id of [cut, odd]) {
        expect(await getJob(env.store.db, id)).toMatchObject({
          status: "failed",
          error: INTERRUPTED,
        });
      }
    } finally {
      await rm(spool, { recursive: true, force: true });
      await rm(foreign, { recursive: true, force: true });
    }
  });
});
