import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_PASSWORD, seedSmallWorld } from "../../../test/accounts.ts";
import { plainCase } from "../../../test/fixtures/cases.ts";
import { call, expectProblem, expectShape } from "../../../test/http.ts";
import { openTestEnv, STORE_KINDS, type TestEnv } from "../../../test/stores.ts";
import { Conflict } from "../../errors.ts";
import { CaseBatch } from "../case-batch.ts";
import { storeCases } from "../queries/store.ts";
import { FreshnessList, IngestSummary } from "../schema.ts";

const mk = (id: string, over: Record<string, unknown> = {}) => ({
  source: "12345",
  externalId: id,
  orgUnit: "C11",
  kind: "appeal",
  channel: "hotline",
  reportedAt: "2026-07-01T08:00:00+08:00",
  ...over,
});

describe.each(STORE_KINDS)("POST /cases/batch on %s", (kind) => {
  let env: TestEnv;
  let t: Awaited<ReturnType<typeof seedSmallWorld>>;
  const post = (token: string, cases: unknown) =>
    call(env.baseUrl, "POST", "/api/v1/cases/batch", { token, json: { cases } });
  const ok = async (token: string, cases: unknown[]) => {
    const res = await post(token, cases);
    expect(res.status, res.text).toBe(200);
    return expectShape(IngestSummary, res.body);
  };
  const stored = async (source: string, externalId: string) =>
    (
      await sql<{
        kind: string;
        category: string | null;
        updated_at: Date;
        org_unit_id: number;
      }>`select kind, category, updated_at, org_unit_id from case_record
        where source = ${source} and external_id = ${externalId}`.execute(env.store.db)
    ).rows[0];
  const version = async (year: number, quarter: number) =>
    Number(
      (
        await sql<{ v: number }>`select coalesce(max(version), 0) as v from data_version
          where year = ${year} and quarter = ${quarter}`.execute(env.store.db)
      ).rows[0]?.v ?? 0,
    );
  const count = async (source: string) =>
    Number(
      (
        await sql<{
          n: number;
        }>`select count(*) as n from case_record where source = ${source}`.execute(env.store.db)
      ).rows[0]!.n,
    );

  beforeAll(async () => {
    // Big bodies are read on a scanning thread, as api/node.ts has it.
    env = await openTestEnv(kind, { ADMIN_PASSWORD, INGEST_THREADS: "1" });
    t = await seedSmallWorld(env);
  });
  afterAll(async () => env?.close());

  it("counts inserted, then unchanged for an identical re-send, then updated", async () => {
    const cases = [mk("A1"), mk("A2", { category: "环境卫生" }), mk("A3", { orgUnit: "G111" })];
    expect(await ok(t["clerk-s1"], cases)).toEqual({
      received: 3,
      inserted: 3,
      updated: 0,
      unchanged: 0,
      rejected: [],
    });
    const before = await stored("12345", "A2");
    const q3 = await version(2026, 3);
    expect(q3).toBeGreaterThan(0);

    const again = await ok(t["clerk-s1"], cases);
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 3 });
    expect((await stored("12345", "A2"))!.updated_at).toEqual(before!.updated_at);
    expect(await version(2026, 3)).toBe(q3);

    const changed = await ok(t["clerk-s1"], [
      mk("A1"),
      mk("A2", { category: "市容" }),
      mk("A3", { orgUnit: "G111" }),
    ]);
    expect(changed).toMatchObject({ inserted: 0, updated: 1, unchanged: 2 });
    const after = await stored("12345", "A2");
    expect(after!.category).toBe("市容");
    expect(after!.updated_at.getTime()).toBeGreaterThan(before!.updated_at.getTime());
    expect(await version(2026, 3)).toBe(q3 + 1);
  });

  it("bumps the quarters a case leaves and enters", async () => {
    await ok(t["clerk-s1"], [mk("Q1", { resolvedAt: "2026-07-02T08:00:00+08:00" })]);
    const [q2, q3, q4] = [await version(2026, 2), await version(2026, 3), await version(2026, 4)];
    // 2026-06-30 23:30 Beijing is still Q2 though it is already Q3 nowhere in UTC terms.
    await ok(t["clerk-s1"], [
      mk("Q1", {
        reportedAt: "2026-06-30T23:30:00+08:00",
        resolvedAt: "2026-10-01T00:10:00+08:00",
      }),
    ]);
    expect(await version(2026, 2)).toBe(q2 + 1);
    expect(await version(2026, 3)).toBe(q3 + 1);
    expect(await version(2026, 4)).toBe(q4 + 1);
  });

  it("keeps the later of two records with one identity and reports the earlier", async () => {
    const res = await ok(t["clerk-s1"], [
      mk("D1", { kind: "event", channel: "grid_patrol" }),
      mk("D2"),
      mk("D1", { kind: "service", channel: "window" }),
    ]);
    expect(res).toMatchObject({ received: 3, inserted: 2, updated: 0, unchanged: 0 });
    expect(res.rejected).toHaveLength(1);
    expect(res.rejected[0]).toMatchObject({ index: 0, externalId: "D1" });
    expect(res.rejected[0]!.errors[0]!.message).toContain("重复");
    expect((await stored("12345", "D1"))!.kind).toBe("service");
  });

  it("checks every rule, record by record, and ignores unknown fields", async () => {
    const soon = new Date(Date.now() + 2 * 60_000).toISOString();
    const later = new Date(Date.now() + 60 * 60_000).toISOString();
    const bad: [Record<string, unknown> | unknown, string, string][] = [
      [mk("V1", { source: undefined }), "source", "必填"],
      [mk("V2", { source: "x".repeat(65) }), "source", "超过 64 个字符"],
      [mk("x".repeat(129)), "externalId", "超过 128 个字符"],
      [mk("V4", { orgUnit: undefined }), "orgUnit", "必填"],
      [mk("V5", { orgUnit: "NOPE" }), "orgUnit", "没有编码为 NOPE 的单位"],
      [mk("V6", { kind: "incident" }), "kind", "须为以下之一"],
      [mk("V7", { channel: "fax" }), "channel", "须为以下之一"],
      [mk("V8", { category: "类".repeat(65) }), "category", "超过 64 个字符"],
      [mk("V9", { reportedAt: "2026-07-01T08:00:00" }), "reportedAt", "含义不明"],
      [mk("V10", { reportedAt: "2026-02-30T08:00:00Z" }), "reportedAt", "没有这一天"],
      [mk("V11", { reportedAt: "yesterday" }), "reportedAt", "ISO 8601"],
      [mk("V12", { reportedAt: later }), "reportedAt", "在未来"],
      [mk("V13", { respondedAt: "2026-07-01T07:59:59+08:00" }), "respondedAt", "早于 reportedAt"],
      [mk("V14", { resolvedAt: "2026-06-30T23:00:00Z" }), "resolvedAt", "早于 reportedAt"],
      [mk("V15", { resolvedAt: later }), "resolvedAt", "在未来"],
      [mk("V16", { firstPass: "yes" }), "firstPass", "须为 true 或 false"],
      [mk("V17", { callback: "happy" }), "callback", "须为以下之一"],
      [mk("V18", { externalId: 18 }), "externalId", "须为文本"],
      [mk("V19", { category: "a\u0000b" }), "category", "NUL"],
      [mk("V20", { reportedAt: "1999-12-31T23:59:59Z" }), "reportedAt", "早于 2000"],
      ["not a case", "(record)", "须为 JSON 对象"],
    ];
    const good = [
      mk("G1", { unknownField: 1, reportedAt: soon.replace("Z", "+00:00") }),
      mk("G2", {
        reportedAt: "2026-07-01T00:00:00Z",
        respondedAt: "2026-07-01T00:00:00.000+00:00",
        resolvedAt: "2026-07-01 09:00:00+0800",
        deadlineAt: "2027-01-01T00:00:00+08:00",
        firstPass: true,
        complaint: false,
        online: null,
        callback: "basically_satisfied",
        category: null,
      }),
    ];
    const res = await ok(t["clerk-s1"], [...bad.map((b) => b[0]), ...good]);
    expect(res).toMatchObject({ received: bad.length + 2, inserted: 2 });
    expect(res.rejected.map((r) => r.index)).toEqual(bad.map((_, i) => i));
    bad.forEach(([, path, message], i) => {
      const errors = res.rejected[i]!.errors;
      expect(
        errors.some((e) => e.path === path && e.message.includes(message)),
        `record ${i}: ${JSON.stringify(errors)}`,
      ).toBe(true);
    });
    expect(res.rejected[2]!.externalId).toBe("x".repeat(129));
  });

  it("keeps writes inside the caller's scope", async () => {
    const outside = await ok(t["clerk-s1"], [mk("S1", { orgUnit: "C21" })]);
    expect(outside.rejected[0]!.errors[0]).toEqual({
      path: "orgUnit",
      message: "单位 C21 不在您的管辖范围内",
    });
    expect(await stored("12345", "S1")).toBeUndefined();

    const key = await call(env.baseUrl, "POST", "/api/v1/api-keys", {
      token: t.admin,
      json: { name: "platform-s1", orgUnit: "S1" },
    });
    expect(key.status, key.text).toBe(201);
    const platform = key.body.key as string;
    expect(await ok(platform, [mk("K1"), mk("K2", { orgUnit: "C21" })])).toMatchObject({
      inserted: 1,
      rejected: [{ index: 1, externalId: "K2" }],
    });

    // A case stored under C21 may not be pulled into S1 by re-sending it with orgUnit C11.
    await ok(t.admin, [mk("MOVE", { orgUnit: "C21" })]);
    const move = await ok(t["clerk-s1"], [mk("MOVE", { orgUnit: "C11" })]);
    expect(move).toMatchObject({ inserted: 0, updated: 0, unchanged: 0 });
    expect(move.rejected[0]!.errors[0]!.message).toContain("不在您的管辖范围内");
    const c21 = await sql<{
      id: number;
    }>`select id from org_unit where code = 'C21'`.execute(env.store.db);
    expect((await stored("12345", "MOVE"))!.org_unit_id).toBe(c21.rows[0]!.id);

    expectProblem(await post(t["leader-d1"], [mk("L1")]), 403);
    expectProblem(await post("", [mk("L1")]), 401);
  });

  it("refuses more than 10,000 cases, bad envelopes, bad JSON and wrong content types", async () => {
    const big = Array.from({ length: 10_001 }, (_, i) => mk(`B${i}`));
    const p = expectProblem(await post(t.admin, big), 413);
    expect(p.detail).toContain("10000");
    expect(await count("12345-big")).toBe(0);

    // Over 32 MiB: refused whole, whatever it holds.
    const huge = expectProblem(
      await call(env.baseUrl, "POST", "/api/v1/cases/batch", {
        token: t.admin,
        body: `{"cases":[${" ".repeat(33 * 1024 * 1024)}]}`,
        headers: { "content-type": "application/json" },
      }),
      413,
    );
    expect(huge.detail).toContain("32 MiB");

    const notArray = expectProblem(await post(t.admin, { a: 1 }), 422);
    expect(notArray.errors![0]!.path).toBe("body.cases");
    expectProblem(
      await call(env.baseUrl, "POST", "/api/v1/cases/batch", { token: t.admin, json: {} }),
      422,
    );
    const headers = { "content-type": "application/json" };
    expectProblem(
      await call(env.baseUrl, "POST", "/api/v1/cases/batch", {
        token: t.admin,
        body: '{"cases": [',
        headers,
      }),
      400,
    );
    expectProblem(
      await call(env.baseUrl, "POST", "/api/v1/cases/batch", {
        token: t.admin,
        body: "source,externalId",
        headers: { "content-type": "text/csv" },
      }),
      415,
    );
  });

  it("reads a big body on a scanning thread: good records stored, every bad one reported", async () => {
    const before = env.scanner!.counts().threaded;
    const cases: unknown[] = Array.from({ length: 3000 }, (_, i) =>
      mk(`BIG${i}`, { source: "big", category: i % 2 ? "环境卫生" : null }),
    );
    const bad = new Map<number, string>([
      [7, "reportedAt"],
      [1500, "orgUnit"],
      [2999, "kind"],
    ]);
    cases[7] = mk("BIG7", { source: "big", reportedAt: "2026-07-01T08:00:00" });
    cases[1500] = mk("BIG1500", { source: "big", orgUnit: "NOPE" });
    cases[2999] = mk("BIG2999", { source: "big", kind: "Event" });
    cases[100] = mk('BIG"100', { source: "big" }); // an escape: left to the reference checks
    const summary = await ok(t.admin, cases);
    expect(env.scanner!.counts().threaded).toBe(before + 1);
    expect(summary).toMatchObject({ received: 3000, inserted: 3000 - bad.size, updated: 0 });
    expect(summary.rejected.map((r) => [r.index, r.errors[0]!.path])).toEqual([...bad]);
    expect(await count("big")).toBe(3000 - bad.size);
    const again = await ok(t.admin, cases);
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 3000 - bad.size });
    expect(env.scanner!.counts().threaded).toBe(before + 2);
  });

  it("stores nothing of a body its client abandons halfway, and goes on serving", async () => {
    const { connect } = await import("node:net");
    const json = JSON.stringify({
      cases: Array.from({ length: 2000 }, (_, i) => mk(`AB${i}`, { source: "abandoned" })),
    });
    const url = new URL(env.baseUrl);
    await new Promise<void>((resolve, reject) => {
      const socket = connect(Number(url.port), url.hostname, () => {
        socket.write(
          `POST /api/v1/cases/batch HTTP/1.1\r\nHost: ${url.host}\r\nAuthorization: Bearer ${t.admin}\r\n` +
            `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(json)}\r\n\r\n`,
        );
        socket.write(json.slice(0, json.length >> 1), () => {
          setTimeout(() => {
            socket.destroy();
            resolve();
          }, 100);
        });
      });
      socket.on("error", reject);
    });
    // The abandoned request ended (as a 400 in the audit log) rather than waiting forever.
    const ended = async () =>
      (
        await sql<{ status: number }>`select status from audit_log
          where path = '/api/v1/cases/batch' order by id desc limit 1`.execute(env.store.db)
      ).rows[0]?.status;
    for (let i = 0; i < 50 && (await ended()) !== 400; i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(await ended()).toBe(400);
    const after = await ok(t.admin, [mk("AB-after", { source: "abandoned" })]);
    expect(after.inserted).toBe(1);
    expect(await count("abandoned")).toBe(1);
  });

  it("runs overlapping batches concurrently without deadlock or double counting", async () => {
    const a = Array.from({ length: 1500 }, (_, i) => mk(`P${i}`, { source: "conc" }));
    const b = Array.from({ length: 1500 }, (_, i) => mk(`P${i + 700}`, { source: "conc" }));
    const c = Array.from({ length: 300 }, (_, i) => mk(`P${i}`, { source: "conc2" }));
    const results = await Promise.all([ok(t.admin, a), ok(t.admin, b), ok(t.admin, c)]);
    const inserted = results[0]!.inserted + results[1]!.inserted;
    expect(await count("conc")).toBe(2200);
    expect(inserted).toBe(2200);
    expect(results[0]!.unchanged + results[1]!.unchanged).toBe(800);
    expect(results[2]!.inserted).toBe(300);
  });

  it("leaves nothing behind when the database fails mid-batch", async () => {
    await sql`
      create function boom() returns trigger language plpgsql as $$
      begin
        if new.external_id = 'ZBOOM' then raise exception 'boom'; end if;
        return new;
      end $$`.execute(env.store.db);
    await sql`create trigger boom before insert on case_record
      for each row execute function boom()`.execute(env.store.db);
    try {
      const versionBefore = await version(2026, 3);
      const res = await post(t.admin, [
        mk("T1", { source: "tx" }),
        mk("T2", { source: "tx" }),
        mk("ZBOOM", { source: "tx" }), // sorts last: T1 and T2 are written first
      ]);
      expectProblem(res, 500);
      expect(await count("tx")).toBe(0);
      expect(await version(2026, 3)).toBe(versionBefore);
      const fresh = await call(env.baseUrl, "GET", "/api/v1/cases/freshness", { token: t.admin });
      expect(expectShape(FreshnessList, fresh.body).map((f) => f.source)).not.toContain("tx");
    } finally {
      await sql`drop trigger boom on case_record`.execute(env.store.db);
      await sql`drop function boom()`.execute(env.store.db);
    }
  });

  it("rolls a batch back whole when an org unit vanishes between validation and merge", async () => {
    const row = (externalId: string, orgUnitId: number) =>
      plainCase({ source: "gone", externalId, orgUnitId });
    const c11 = await sql<{ id: number }>`select id from org_unit where code = 'C11'`.execute(
      env.store.db,
    );
    const batch = new CaseBatch();
    batch.add(row("G1", c11.rows[0]!.id), 0);
    batch.add(row("G2", 999_999), 1);
    await expect(storeCases(env.store, batch, null)).rejects.toBeInstanceOf(Conflict);
    expect(await count("gone")).toBe(0);
  });

  it("reports source freshness", async () => {
    await ok(t.admin, [
      mk("F1", { source: "fresh", reportedAt: "2026-08-01T10:00:00+08:00" }),
      mk("F2", { source: "fresh", reportedAt: "2026-08-03T10:00:00+08:00" }),
    ]);
    await ok(t.admin, [mk("F3", { source: "fresh", reportedAt: "2026-07-01T10:00:00+08:00" })]);
    const res = await call(env.baseUrl, "GET", "/api/v1/cases/freshness", {
      token: t["leader-s1"],
    });
    expect(res.status, res.text).toBe(200);
    const fresh = expectShape(FreshnessList, res.body).find((f) => f.source === "fresh")!;
    expect(fresh.maxReportedAt).toBe("2026-08-03T02:00:00.000Z");
    expect(Date.now() - Date.parse(fresh.lastReceivedAt)).toBeLessThan(60_000);
    expectProblem(await call(env.baseUrl, "GET", "/api/v1/cases/freshness"), 401);
  });
});
