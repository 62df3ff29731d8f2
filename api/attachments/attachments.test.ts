import { createHash } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_PASSWORD, login, seedSmallWorld } from "../../test/accounts.ts";
import { APPEAL_PERIOD, hx, IN_WINDOW, seedAppealWorld } from "../../test/fixtures/appeal-world.ts";
import { call, expectProblem, expectShape } from "../../test/http.ts";
import { openTestEnv, STORE_KINDS, type TestEnv } from "../../test/stores.ts";
import { StoredAttachment } from "./schema.ts";

// Evidence files over real HTTP: stored in the database, type sniffed from the bytes, 10 MB
// at most, readable by the uploader and by the appeal's superiors only.

const PNG = new Uint8Array([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52,
]);
const PDF = new TextEncoder().encode("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");

const form = (bytes: Uint8Array, name: string, type = "application/octet-stream") => {
  const f = new FormData();
  f.set("file", new Blob([bytes as Uint8Array<ArrayBuffer>], { type }), name);
  return f;
};

describe.each(STORE_KINDS)("attachments on %s", (kind) => {
  let env: TestEnv;
  let t: Awaited<ReturnType<typeof seedSmallWorld>>;
  let clerkC11: string;
  const upload = (token: string, body: FormData) =>
    call(env.baseUrl, "POST", "/api/v1/attachments", { token, body });
  const stored = async () => {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from attachment`.execute(
      env.store.db,
    );
    return rows[0]!.n;
  };

  beforeAll(async () => {
    env = await openTestEnv(kind, { ADMIN_PASSWORD }, { now: () => IN_WINDOW });
    t = await seedSmallWorld(env);
    const user = await call(env.baseUrl, "POST", "/api/v1/users", {
      token: t.admin,
      json: { username: "clerk-c11", role: "clerk", orgUnit: "C11", password: "password-369" },
    });
    expect(user.status, user.text).toBe(201);
    clerkC11 = await login(env, "clerk-c11", "password-369");
    await seedAppealWorld(env, t.admin);
  });
  afterAll(async () => env?.close());

  it("stores an image and a PDF with the type their bytes say, whatever they were called", async () => {
    const png = await upload(clerkC11, form(PNG, "现场照片.pdf", "application/pdf"));
    expect(png.status, png.text).toBe(201);
    const a = expectShape(StoredAttachment, png.body);
    expect(a).toMatchObject({ mime: "image/png", size: PNG.length, name: "现场照片.pdf" });
    expect(a.sha256).toBe(createHash("sha256").update(PNG).digest("hex"));
    const pdf = await upload(clerkC11, form(PDF, "说明.pdf"));
    expect(pdf.status, pdf.text).toBe(201);
    expect(pdf.body.mime).toBe("application/pdf");

    const back = await fetch(`${env.baseUrl}${a.url}`, {
      headers: { authorization: `Bearer ${clerkC11}` },
    });
    expect(back.status).toBe(200);
    expect(back.headers.get("content-type")).toBe("image/png");
    expect(back.headers.get("x-content-type-options")).toBe("nosniff");
    expect(new Uint8Array(await back.arrayBuffer())).toEqual(PNG);
  });

  it("refuses what is not an image or PDF, an empty file and a file over 10 MB; nothing stored", async () => {
    const before = await stored();
    const html = await upload(
      clerkC11,
      form(new TextEncoder().encode("<html><script>alert(1)</script>"), "x.png", "image/png"),
    );
    const p = expectProblem(html, 422);
    expect(p.detail).toMatch(/图片|PDF/);
    expect(p.errors?.[0]?.path).toBe("file");
    expectProblem(await upload(clerkC11, form(new Uint8Array(0), "empty.png")), 422);
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set(PNG);
    const tooBig = expectProblem(await upload(clerkC11, form(big, "big.png")), 413);
    expect(tooBig.detail).toContain("10 MB");
    // exactly 10 MiB is taken
    const limit = big.subarray(0, 10 * 1024 * 1024);
    expect((await upload(clerkC11, form(limit, "limit.png"))).status).toBe(201);
    expect(await stored()).toBe(before + 1);
    // assessors read evidence but do not upload it
    expectProblem(await upload(t["assessor-d1"], form(PNG, "a.png")), 403);
  });

  it("lets the uploader attach it to an appeal and the appeal's superiors read it; nobody else", async () => {
    const mine = await upload(clerkC11, form(PNG, "证据.png"));
    const theirs = await upload(t["clerk-s1"], form(PDF, "别人的.pdf"));
    const filing = (attachments: number[]) =>
      call(env.baseUrl, "POST", "/api/v1/appeals", {
        token: clerkC11,
        json: {
          orgUnit: "C11",
          period: APPEAL_PERIOD,
          cases: hx("e1"),
          reason: "force_majeure",
          note: "暴雨",
          attachments,
        },
      });
    // another user's file cannot be attached
    const other = expectProblem(await filing([theirs.body.id]), 422);
    expect(other.errors?.[0]?.path).toBe("body.attachments.0");
    const ok = await filing([mine.body.id]);
    expect(ok.status, ok.text).toBe(201);
    const appeal = await call(env.baseUrl, "GET", `/api/v1/appeals/${ok.body.id}`, {
      token: t["assessor-d1"],
    });
    expect(appeal.body.attachments).toEqual([
      expect.objectContaining({ id: mine.body.id, name: "证据.png", mime: "image/png" }),
    ]);
    const read = (token: string) =>
      call(env.baseUrl, "GET", `/api/v1/attachments/${mine.body.id}`, { token });
    expect((await read(t["assessor-d1"])).status).toBe(200);
    expect((await read(t["leader-s1"])).status).toBe(200);
    expectProblem(await read(t["admin-s2"]), 404);
    // clerk-s1 uploaded its own file, so it reads it; nobody outside reads it
    expect((await read(t["clerk-s1"])).status).toBe(200);
    expectProblem(
      await call(env.baseUrl, "GET", `/api/v1/attachments/${theirs.body.id}`, { token: clerkC11 }),
      404,
    );
  });
});
