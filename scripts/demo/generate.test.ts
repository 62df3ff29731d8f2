import bcrypt from "bcryptjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertUser } from "../../api/access/users/queries.ts";
import type { Store } from "../../api/db/client.ts";
import { CASE_CHANNELS, CASE_KINDS } from "../../api/db/tables/case-record.ts";
import { DEMO_PASSWORD, type DemoSummary, seedDemo } from "./generate.ts";
import { parseQuarter } from "./options.ts";
import { freshPglite, SMALL, type Snapshot, snapshot } from "./test-snapshot.ts";

const Q3 = parseQuarter("2026Q3");

describe("seedDemo on PGlite", () => {
  let a: Store;
  let b: Store;
  let summaryA: DemoSummary;
  let summaryB: DemoSummary;
  let snapA: Snapshot;
  const phases = new Set<string>();

  beforeAll(async () => {
    a = await freshPglite();
    b = await freshPglite();
    // An instance started with ADMIN_PASSWORD already has its admin: the demo must leave it alone.
    await insertUser(b.db, {
      username: "admin",
      displayName: null,
      passwordHash: "not-the-demo-hash",
      role: "admin",
      orgUnitId: null,
    });
    summaryA = await seedDemo(a, SMALL, (p) => phases.add(p.phase));
    summaryB = await seedDemo(b, SMALL);
    snapA = await snapshot(a);
  });

  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it("is deterministic: the same options give the same rows", async () => {
    const snapB = await snapshot(b);
    expect(snapB.digest).toBe(snapA.digest);
    expect(snapB.counts).toEqual(snapA.counts);
  });

  it("reports what it wrote", () => {
    expect(snapA.counts).toMatchObject({
      units: summaryA.units,
      cases: summaryA.cases,
      returns: summaryA.returns,
      responses: summaryA.responses,
    });
    // district + 2 streets + 6 communities + grids
    expect(summaryA.units).toBeGreaterThanOrEqual(9);
    expect(summaryA.cases).toBeGreaterThan(3000);
    expect(summaryA.casesPerSecond).toBeGreaterThan(0);
    expect([...phases]).toEqual(expect.arrayContaining(["units", "cases", "returns", "responses"]));
  });

  it("refuses a database that already has org units", async () => {
    await expect(seedDemo(a, SMALL)).rejects.toThrow(/already has org units/);
  });

  it("covers every kind and channel, with the awkward cases", async () => {
    const rows = await a.db
      .selectFrom("case_record")
      .select(["kind", "channel", "reported_at", "responded_at", "resolved_at", "deadline_at"])
      .execute();
    expect(new Set(rows.map((r) => r.kind))).toEqual(new Set(CASE_KINDS));
    expect(new Set(rows.map((r) => r.channel))).toEqual(new Set(CASE_CHANNELS));
    expect(rows.some((r) => r.resolved_at !== null && r.deadline_at === null)).toBe(true);
    expect(rows.some((r) => r.kind === "appeal" && r.responded_at === null)).toBe(true);
    expect(rows.some((r) => r.resolved_at === null)).toBe(true);
    // 2026-07-01 00:00 Asia/Shanghai, the first instant of 2026Q3
    expect(rows.some((r) => r.reported_at.toISOString() === "2026-06-30T16:00:00.000Z")).toBe(true);
    for (const r of rows) {
      if (r.responded_at)
        expect(r.responded_at.getTime()).toBeGreaterThanOrEqual(r.reported_at.getTime());
      if (r.resolved_at)
        expect(r.resolved_at.getTime()).toBeGreaterThanOrEqual(r.reported_at.getTime());
      expect(r.reported_at.getTime()).toBeLessThan(Q3.endMs); // 2026Q4 is not generated
    }
  });

  it("has a community without a 2026Q3 return and one with fewer than 30 responses", async () => {
    const communities = await a.db
      .selectFrom("org_unit")
      .select(["id", "code"])
      .where("level", "=", "community")
      .execute();
    const returns = await a.db
      .selectFrom("unit_return")
      .select("org_unit_id")
      .where("year", "=", 2026)
      .where("quarter", "=", 3)
      .execute();
    const filed = new Set(returns.map((r) => r.org_unit_id));
    expect(communities.some((c) => !filed.has(c.id))).toBe(true);
    expect(filed.size).toBeGreaterThan(0);

    const responses = await a.db
      .selectFrom("survey_response")
      .select(["org_unit_id", "answers", "score", "overall", "age_band", "mode", "submitted_at"])
      .where("submitted_at", ">=", new Date(Q3.startMs))
      .where("submitted_at", "<", new Date(Q3.endMs))
      .execute();
    const perUnit = new Map<number, number>();
    for (const r of responses) perUnit.set(r.org_unit_id, (perUnit.get(r.org_unit_id) ?? 0) + 1);
    expect([...perUnit.values()].some((n) => n < 30)).toBe(true);
    expect([...perUnit.values()].some((n) => n >= 40)).toBe(true);
  });

  it("stores survey scores that match their answers", async () => {
    const rows = await a.db
      .selectFrom("survey_response")
      .select(["id", "answers", "score", "overall", "age_band"])
      .execute();
    for (const r of rows) {
      const answers = r.answers as Record<string, unknown>;
      const items = ["overall", "timeliness", "effectiveness", "transparency", "attitude"]
        .map((k) => answers[k])
        .filter((v): v is number => typeof v === "number");
      const mean = items.reduce((s, v) => s + v, 0) / items.length;
      expect(r.score).toBeCloseTo(((mean - 1) / 4) * 100, 9);
      expect(r.overall).toBe(answers.overall);
      expect(r.age_band).toBe(answers.ageBand);
      expect(r.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
  });

  it("keeps the closure table consistent with the parent links", async () => {
    const units = await a.db.selectFrom("org_unit").select(["id", "parent_id"]).execute();
    const parent = new Map(units.map((u) => [u.id, u.parent_id]));
    const expected = new Set<string>();
    for (const u of units) {
      let depth = 0;
      for (let x: number | null = u.id; x !== null; x = parent.get(x) ?? null)
        expected.add(`${x}>${u.id}@${depth++}`);
    }
    const rows = await a.db.selectFrom("org_closure").selectAll().execute();
    expect(new Set(rows.map((r) => `${r.ancestor_id}>${r.descendant_id}@${r.depth}`))).toEqual(
      expected,
    );
    expect(rows.length).toBe(expected.size);
  });

  it("records source freshness at the latest generated instant", async () => {
    const fresh = await a.db.selectFrom("source_freshness").selectAll().execute();
    const latest = await a.db
      .selectFrom("case_record")
      .select(["source", (eb) => eb.fn.max("received_at").as("last")])
      .groupBy("source")
      .execute();
    expect(fresh.map((f) => f.source).sort()).toEqual(latest.map((l) => l.source).sort());
    for (const l of latest) {
      const f = fresh.find((x) => x.source === l.source);
      expect(f?.last_received_at.getTime()).toBe(new Date(l.last).getTime());
    }
  });

  it("creates the demo accounts, and leaves an existing admin alone", async () => {
    const users = await a.db
      .selectFrom("app_user as u")
      .leftJoin("org_unit as o", "o.id", "u.org_unit_id")
      .select(["u.username", "u.role", "o.code", "u.password_hash"])
      .orderBy("u.username")
      .execute();
    expect(users.map((u) => [u.username, u.role, u.code])).toEqual([
      ["admin", "admin", null],
      ["assessor", "assessor", "310115"],
      ["clerk", "clerk", "310115001"],
      ["leader", "leader", "310115"],
      ["street-leader", "leader", "310115001"],
    ]);
    expect(await bcrypt.compare(DEMO_PASSWORD, users[0]?.password_hash ?? "")).toBe(true);
    expect(summaryA.accounts.map((x) => x.username)).toContain("admin");
    expect(summaryB.accounts.map((x) => x.username)).not.toContain("admin");
    const adminB = await b.db
      .selectFrom("app_user")
      .select("password_hash")
      .where("username", "=", "admin")
      .executeTakeFirst();
    expect(adminB?.password_hash).toBe("not-the-demo-hash");
  });
});
