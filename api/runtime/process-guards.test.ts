import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";

// The guards change what the whole process does, so they run in a child process of their own:
// a throw from a timer and a rejection nobody handles, then the process must still answer.

const SCRIPT = `
import { createLogger } from "./api/logger.ts";
import { installProcessGuards } from "./api/runtime/process-guards.ts";
if (process.env.GUARDS === "1") installProcessGuards(createLogger("info"));
setTimeout(() => { throw new Error("thrown from a timer"); }, 10);
Promise.reject(new Error("rejected and never awaited"));
setTimeout(() => { process.stdout.write("still serving\\n"); process.exit(0); }, 300);
`;

function run(guards: boolean): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "--input-type=module", "-e", SCRIPT],
      {
        env: { ...process.env, GUARDS: guards ? "1" : "0" },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let out = "";
    child.stdout.on("data", (d) => {
      out += String(d);
    });
    child.stderr.on("data", (d) => {
      out += String(d);
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, out }));
  });
}

describe("process guards", () => {
  it("log an uncaught exception and an unhandled rejection and keep the process running", async () => {
    const guarded = await run(true);
    expect(guarded.code, guarded.out).toBe(0);
    expect(guarded.out).toContain("still serving");
    const logs = guarded.out
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .map((l) => JSON.parse(l) as { level: number; msg: string; err?: { message: string } });
    expect(logs).toContainEqual(
      expect.objectContaining({
        level: 60,
        msg: "uncaught exception; the process keeps serving",
        err: expect.objectContaining({ message: "thrown from a timer" }),
      }),
    );
    expect(logs).toContainEqual(
      expect.objectContaining({
        level: 50,
        msg: "unhandled promise rejection; the process keeps serving",
        err: expect.objectContaining({ message: "rejected and never awaited" }),
      }),
    );
  });

  it("are what keeps it alive: without them Node exits on the first", async () => {
    const bare = await run(false);
    expect(bare.code).not.toBe(0);
    expect(bare.out).not.toContain("still serving");
  });
});
