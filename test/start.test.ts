import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { call } from "./http.ts";

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

interface Running {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** Starts the real Node entry (`npm start` runs the same file) and waits for its banner. */
async function start(env: Record<string, string>): Promise<Running> {
  const child = spawn(process.execPath, ["--import", "tsx", "api/node.ts"], {
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

describe("npm start on the embedded store", () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it("keeps committed data across a SIGTERM restart and prints the URLs", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "scorecard-start-"));
    dirs.push(dataDir);
    const port = await freePort();
    const env = {
      DATA_DIR: dataDir,
      PORT: String(port),
      SEED_DEMO: "0",
      ADMIN_PASSWORD: "start-test-pass",
    };
    const base = `http://127.0.0.1:${port}`;

    const first = await start(env);
    expect(first.output()).toContain(`http://localhost:${port}/api/v1/docs`);
    expect(first.output()).toContain("store: pglite");
    const login = await call(base, "POST", "/api/v1/auth/login", {
      json: { username: "admin", password: "start-test-pass" },
    });
    expect(login.status).toBe(200);
    const put = await call(base, "PUT", "/api/v1/org-units", {
      token: login.body.token,
      json: {
        units: [
          { code: "D9", name: "持久区", level: "district" },
          { code: "S9", name: "持久街道", level: "street", parentCode: "D9" },
        ],
      },
    });
    expect(put.status, put.text).toBe(200);
    first.child.kill("SIGTERM");
    expect(await first.exited).toBe(0);
    expect(first.output()).toContain("store closed cleanly");

    const second = await start(env);
    const relogin = await call(base, "POST", "/api/v1/auth/login", {
      json: { username: "admin", password: "start-test-pass" },
    });
    const tree = await call(base, "GET", "/api/v1/org-units?root=D9", {
      token: relogin.body.token,
    });
    expect(tree.status).toBe(200);
    expect(tree.body.units[0].children[0].code).toBe("S9");
    expect((await call(base, "GET", "/")).text).toContain("369");
    second.child.kill("SIGINT");
    expect(await second.exited).toBe(0);
  });
});
