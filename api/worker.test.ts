import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { readFile } from "node:fs/promises";
import { createServer as createHttpServer } from "node:http";
import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ADMIN_PASSWORD, seedSmallWorld } from "../test/accounts.ts";
import { openTestEnv, type TestEnv } from "../test/stores.ts";

// The Cloudflare Workers entry (api/worker.ts, wrangler.toml) run for real in workerd through
// `wrangler dev`, against a fresh PostgreSQL database standing in for Hyperdrive: the same app
// answers, writes through the same merge, and serves the browser bundles from the [assets]
// binding (dist/web, built before the tests) without compressing them twice.

let env: TestEnv;
let wrangler: ChildProcess;
let base: string;
let output = "";

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

beforeAll(async () => {
  env = await openTestEnv("postgres", { ADMIN_PASSWORD });
  await seedSmallWorld(env);
  // The Node fixture migrated and seeded the database; the Worker only connects to it.
  const db = await env.store.db
    .selectNoFrom((eb) => eb.fn<string>("current_database", []).as("name"))
    .executeTakeFirstOrThrow();
  const pg = new URL(inject("pgUrl"));
  pg.pathname = `/${db.name}`;
  // wrangler insists on a password; a trust-authenticated server ignores it.
  if (!pg.password) pg.password = "unused";
  const port = await freePort();
  const inspector = await freePort();
  wrangler = spawn(
    process.execPath,
    [
      "node_modules/wrangler/bin/wrangler.js",
      "dev",
      "--local",
      "--port",
      String(port),
      "--ip",
      "127.0.0.1",
      "--inspector-port",
      String(inspector),
      "--show-interactive-dev-session=false",
      // GET /__scheduled?cron=… runs the scheduled() handler as a cron trigger would.
      "--test-scheduled",
    ],
    {
      env: {
        ...process.env,
        CLOUDFLARE_HYPERDRIVE_LOCAL_CONNECTION_STRING_HYPERDRIVE: pg.toString(),
        WRANGLER_SEND_METRICS: "false",
        NO_COLOR: "1",
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Ready on")) resolve();
    };
    wrangler.stdout!.on("data", onData);
    wrangler.stderr!.on("data", onData);
    wrangler.once("exit", (code) => reject(new Error(`wrangler dev exited (${code}):\n${output}`)));
  });
  await ready;
  base = `http://127.0.0.1:${port}`;
}, 120_000);

afterAll(async () => {
  if (wrangler && wrangler.exitCode === null) {
    wrangler.kill("SIGTERM");
    await once(wrangler, "exit");
  }
  await env?.close();
});

describe("the Worker entry in workerd (wrangler dev)", () => {
  it("serves the API, ingests through the same merge, and serves bundles once compressed", async () => {
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: "ok" });
    const anonymous = await fetch(`${base}/api/v1/users`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("content-type")).toContain("application/problem+json");

    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "admin", password: ADMIN_PASSWORD }),
    });
    expect(login.status, output).toBe(200);
    const { token } = (await login.json()) as { token: string };
    const auth = { authorization: `Bearer ${token}` };

    const batch = await fetch(`${base}/api/v1/cases/batch`, {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body: JSON.stringify({
        cases: [
          {
            source: "worker",
            externalId: "w1",
            orgUnit: "C11",
            kind: "event",
            channel: "grid_patrol",
            reportedAt: "2026-05-10T09:00:00+08:00",
          },
          { source: "worker", externalId: "w2", orgUnit: "C11", kind: "event" },
        ],
      }),
    });
    expect(batch.status).toBe(200);
    const summary = (await batch.json()) as { inserted: number; rejected: { index: number }[] };
    expect(summary.inserted).toBe(1);
    expect(summary.rejected.map((r) => r.index)).toEqual([1]);

    // The same figures as the Node app over the same database.
    type Report = { units: { counts: { byKind: Record<string, number> } }[] };
    const viaWorker: Report = await (
      await fetch(`${base}/api/v1/indicators?period=2026Q2&orgUnit=C11`, { headers: auth })
    ).json();
    const viaNode: Report = await (
      await fetch(`${env.baseUrl}/api/v1/indicators?period=2026Q2&orgUnit=C11`, { headers: auth })
    ).json();
    expect(viaWorker.units).toEqual(viaNode.units);
    expect(viaWorker.units[0]!.counts.byKind.event).toBe(1);

    // A dashboard page names its bundles from the [assets] manifest; the bundle arrives intact
    // (fetch undoes one brotli layer: the text must be the built file, not compressed bytes).
    const page = await fetch(`${base}/dashboard/C11?period=2026Q2`, {
      headers: { cookie: `s369_session=${token}` },
    });
    expect(page.status).toBe(200);
    const script = /src="(\/dashboard\/assets\/dashboard-[\w-]+\.js)"/.exec(await page.text());
    expect(script, "the page names the dashboard bundle").not.toBeNull();
    const bundle = await fetch(`${base}${script![1]}`, { headers: { "accept-encoding": "br" } });
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get("content-type")).toContain("text/javascript");
    const built = await readFile(
      new URL(`../dist/web/${script![1]!.split("/").pop()}`, import.meta.url),
      "utf8",
    );
    expect(await bundle.text()).toBe(built);

    // The API's documentation page and Swagger UI's files come from the assets too.
    expect((await fetch(`${base}/api/v1/docs`)).status).toBe(200);
    const css = await fetch(`${base}/api/v1/docs/assets/swagger-ui.css`);
    expect(css.status).toBe(200);
    expect(await css.text()).toBe(
      await readFile(new URL("../dist/web/swagger-ui.css", import.meta.url), "utf8"),
    );
  }, 60_000);

  it("runs the daily rectification reminder on its cron trigger: an overdue task's notice, once", async () => {
    const hits: string[] = [];
    const robot = createHttpServer((req, res) => {
      let data = "";
      req.on("data", (c) => {
        data += c;
      });
      req.on("end", () => {
        hits.push(data);
        res.writeHead(200, { "content-type": "application/json" });
        res.end('{"errcode":0,"errmsg":"ok"}');
      });
    });
    await new Promise<void>((r) => robot.listen(0, "127.0.0.1", r));
    try {
      const db = env.store.db;
      const unit = (u: string) =>
        db.selectFrom("org_unit").select("id").where("code", "=", u).executeTakeFirstOrThrow();
      const { id } = await db
        .insertInto("rectification_task")
        .values({
          org_unit_id: (await unit("C11")).id,
          period: "2026Q2",
          indicator: "G2",
          origin: "manual",
          value_at_open: 50,
          deadline: "2026-07-31",
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await db
        .insertInto("org_unit_webhook")
        .values({
          org_unit_id: (await unit("D1")).id,
          kind: "dingtalk",
          url: `http://127.0.0.1:${(robot.address() as { port: number }).port}/robot`,
          updated_by: "test",
        })
        .execute();
      const notified = async () =>
        (
          await db
            .selectFrom("rectification_task")
            .select("notified_overdue_at")
            .where("id", "=", id)
            .executeTakeFirstOrThrow()
        ).notified_overdue_at;
      for (let round = 0; round < 2; round++) {
        const res = await fetch(`${base}/__scheduled?cron=${encodeURIComponent("0 1 * * *")}`);
        expect(res.status, output).toBe(200);
        await res.text();
        for (let i = 0; i < 100 && (await notified()) === null; i++) {
          await new Promise((r) => setTimeout(r, 100));
        }
      }
      expect(await notified(), output).not.toBeNull();
      expect(hits).toHaveLength(1);
      expect(JSON.parse(hits[0]!)).toMatchObject({ msgtype: "text" });
      expect(JSON.parse(hits[0]!).text.content).toContain("已逾期");
    } finally {
      robot.close();
    }
  });
});
