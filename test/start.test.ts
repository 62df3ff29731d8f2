import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import { freePort, startApp as start } from "./app-process.ts";
import { call } from "./http.ts";
import { openPdf } from "./pdf.ts";

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

  it("runs compiled: batches read on a worker thread, an XLSX upload on a reading thread, a report printed", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "scorecard-start-"));
    dirs.push(dataDir);
    const port = await freePort();
    const app = await start({
      DATA_DIR: dataDir,
      PORT: String(port),
      SEED_DEMO: "0",
      ADMIN_PASSWORD: "start-test-pass",
      INGEST_THREADS: "1",
    });
    const base = `http://127.0.0.1:${port}`;
    try {
      const token = (
        await call(base, "POST", "/api/v1/auth/login", {
          json: { username: "admin", password: "start-test-pass" },
        })
      ).body.token as string;
      const units = await call(base, "PUT", "/api/v1/org-units", {
        token,
        json: {
          units: [
            { code: "D8", name: "编译区", level: "district" },
            { code: "S8", name: "编译街道", level: "street", parentCode: "D8" },
          ],
        },
      });
      expect(units.status, units.text).toBe(200);
      const kase = (id: string, reportedAt: string) => ({
        source: "grid",
        externalId: id,
        orgUnit: "S8",
        kind: "event",
        channel: "grid_patrol",
        reportedAt,
      });
      // Batch bodies go to the scanning thread: its entry is the build's file, not TypeScript.
      await waitFor(() => app.output().includes("batch bodies are read on worker threads"));
      const batch = await call(base, "POST", "/api/v1/cases/batch", {
        token,
        json: { cases: [1, 2, 3].map((i) => kase(`b${i}`, `2026-07-0${i}T09:00:00+08:00`)) },
      });
      expect(batch.status, batch.text).toBe(200);
      expect(batch.body.inserted, batch.text).toBe(3);
      // An XLSX upload is read on a reading thread (the build's sheet-thread file).
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet("工单");
      ws.addRow(["source", "externalId", "orgUnit", "kind", "channel", "reportedAt"]);
      ws.addRow(["grid", "x1", "S8", "event", "app", "2026-07-10T09:00:00+08:00"]);
      const form = new FormData();
      form.append("file", new Blob([await wb.xlsx.writeBuffer()]), "cases.xlsx");
      const upload = await call(base, "POST", "/api/v1/cases/import", { token, body: form });
      expect(upload.status, upload.text).toBe(200);
      expect(upload.body.inserted, upload.text).toBe(1);
      // A report loads the report modules by path (their built files) and prints through Chromium.
      const created = await call(base, "POST", "/api/v1/reports", {
        token,
        json: { period: "2026Q3", orgUnit: "D8", edition: "leadership" },
      });
      expect(created.status, created.text).toBe(202);
      let status = "";
      await waitFor(async () => {
        const r = await call(base, "GET", `/api/v1/reports/${created.body.id}`, { token });
        status = r.body.status;
        return status !== "queued" && status !== "running";
      }, 120_000);
      expect(status, app.output().slice(-2000)).toBe("done");
      const pdf = await fetch(`${base}/api/v1/reports/${created.body.id}/pdf`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(pdf.status).toBe(200);
      const doc = await openPdf(new Uint8Array(await pdf.arrayBuffer()));
      expect(await doc.text(1)).toContain("编译区");
      await doc.close();
    } finally {
      app.child.kill("SIGTERM");
      await app.exited;
    }
    expect(app.output()).not.toMatch(/"level":(40|50|60)/);
  });
});

async function waitFor(check: () => boolean | Promise<boolean>, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("waitFor: timed out");
    await new Promise((r) => setTimeout(r, 200));
  }
}
