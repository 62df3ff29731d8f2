import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";

/** Where the suite's global setup compiles the server (scripts/build-server.ts). */
export const TEST_SERVER_DIR = join(import.meta.dirname, "..", "dist", "server-test");

/** A free loopback port. */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

export interface RunningApp {
  child: ChildProcess;
  /** Everything it printed so far (stdout and stderr). */
  output: () => string;
  /** Its exit code (null when killed by a signal). */
  exited: Promise<number | null>;
}

/**
 * Starts the real Node entry, compiled as `npm start` runs it (the suite's global setup builds
 * it), and waits for its banner.
 */
export async function startApp(env: Record<string, string>): Promise<RunningApp> {
  const entry = join(TEST_SERVER_DIR, "node.mjs");
  const child = spawn(process.execPath, ["--enable-source-maps", entry], {
    env: { ...process.env, LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (d) => {
    out += String(d);
  });
  child.stderr?.on("data", (d) => {
    out += String(d);
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const deadline = Date.now() + 90_000;
  while (!out.includes("is ready in")) {
    if (child.exitCode !== null) throw new Error(`app exited early:\n${out}`);
    if (Date.now() > deadline) throw new Error(`app did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, output: () => out, exited };
}
