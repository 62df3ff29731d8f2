import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort, startApp as start } from "./app-process.ts";
import { call } from "./http.ts";

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
