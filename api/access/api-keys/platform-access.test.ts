import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedSmallWorld } from "../../../test/accounts.ts";
import { call, expectProblem } from "../../../test/http.ts";
import { openTestEnv, STORE_KINDS, type TestEnv } from "../../../test/stores.ts";
import { insertJob } from "../../jobs/queries.ts";

// Issue 16, point 8b: a platform API key pushes data and reads nothing stored. Every operation
// of the OpenAPI document is called with a key scoped to the whole district: apart from the
// few it exists for, each answers 403 (operations anyone may call without signing in, such as
// a resident's survey submission, are left out: they answer a key as they answer anyone).

/** What a key may do: push cases and returns, the blank case template, and sign-in bookkeeping. */
const ALLOWED = new Set([
  "POST /api/v1/cases/batch",
  "POST /api/v1/cases/import",
  "GET /api/v1/cases/template.xlsx",
  "PUT /api/v1/returns/{orgUnitCode}/{period}",
  "POST /api/v1/returns/upload",
  "GET /api/v1/auth/me",
  "POST /api/v1/auth/logout",
  // Its own jobs only: checked below.
  "GET /api/v1/jobs/{id}",
]);

const SAMPLE_PARAMS: Record<string, string> = {
  id: "1",
  orgUnitCode: "C11",
  code: "C11",
  period: "2026Q3",
  surveyId: "satisfaction",
};

interface Operation {
  method: string;
  path: string;
  multipart: boolean;
}

function operations(doc: {
  paths: Record<string, Record<string, { requestBody?: { content?: object } }>>;
}): Operation[] {
  const out: Operation[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const multipart = Object.keys(op.requestBody?.content ?? {}).includes("multipart/form-data");
      out.push({ method: method.toUpperCase(), path, multipart });
    }
  }
  return out;
}

describe.each(STORE_KINDS)("platform API keys on %s", (kind) => {
  let env: TestEnv;
  let t: Awaited<ReturnType<typeof seedSmallWorld>>;
  let key: string;
  let keyId: number;
  beforeAll(async () => {
    env = await openTestEnv(kind, { ADMIN_PASSWORD: "admin-pass-369" });
    t = await seedSmallWorld(env);
    const res = await call(env.baseUrl, "POST", "/api/v1/api-keys", {
      token: t.admin,
      json: { name: "区平台", orgUnit: "D1" },
    });
    expect(res.status, res.text).toBe(201);
    key = res.body.key;
    keyId = res.body.id;
  });
  afterAll(async () => env?.close());

  const send = (op: Operation, token?: string) => {
    const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => SAMPLE_PARAMS[name] ?? "x");
    if (op.method === "GET" || op.method === "DELETE") {
      return call(env.baseUrl, op.method, path, { token });
    }
    if (op.multipart) {
      const form = new FormData();
      form.set("file", new Blob(["a,b\n1,2\n"]), "x.csv");
      return call(env.baseUrl, op.method, path, { token, body: form });
    }
    return call(env.baseUrl, op.method, path, { token, json: {} });
  };

  it("is refused (403) by every operation except the few it pushes data with", async () => {
    const doc = (await call(env.baseUrl, "GET", "/api/v1/openapi.json")).body;
    const all = operations(doc);
    expect(all.length).toBeGreaterThan(40);
    const refused: string[] = [];
    const publicOps: string[] = [];
    for (const op of all) {
      const name = `${op.method} ${op.path}`;
      if (ALLOWED.has(name)) continue;
      const anonymous = await send(op);
      if (anonymous.status !== 401) {
        publicOps.push(name);
        continue;
      }
      const res = await send(op, key);
      expect(res.status, `${name}: ${res.text}`).toBe(403);
      refused.push(name);
    }
    // The reads the issue names are among them, and only anonymous operations were left out.
    expect(refused).toEqual(
      expect.arrayContaining([
        "GET /api/v1/org-units",
        "GET /api/v1/returns/template.xlsx",
        "GET /api/v1/returns/{orgUnitCode}/{period}",
        "GET /api/v1/indicators",
        "GET /api/v1/reports/{id}",
        "GET /api/v1/exports/cases.csv",
        "GET /api/v1/surveys/{id}/stats",
        "POST /api/v1/what-if",
      ]),
    );
    // Left out: what anyone may call without signing in (the survey forms residents fill in).
    expect(publicOps.sort()).toEqual([
      "GET /api/v1/surveys",
      "GET /api/v1/surveys/{id}",
      "GET /api/v1/surveys/{id}/qr/{file}",
      "GET /healthz",
      "POST /api/v1/auth/login",
      "POST /api/v1/survey-responses",
    ]);
  });

  it("reads its own jobs and no one else's", async () => {
    const own = crypto.randomUUID();
    const other = crypto.randomUUID();
    await insertJob(env.store.db, {
      id: own,
      kind: "cases.import",
      createdBy: `api_key:${keyId}`,
      params: { scopeUnitId: null },
    });
    await insertJob(env.store.db, {
      id: other,
      kind: "exports.cases.xlsx",
      createdBy: "user:1",
      params: { scopeUnitId: null },
    });
    const mine = await call(env.baseUrl, "GET", `/api/v1/jobs/${own}`, { token: key });
    expect(mine.status, mine.text).toBe(200);
    expect(mine.body).toMatchObject({ id: own, kind: "cases.import", status: "running" });
    expectProblem(await call(env.baseUrl, "GET", `/api/v1/jobs/${other}`, { token: key }), 404);
    // The administrator who owns the other job still reads it.
    expect(
      (await call(env.baseUrl, "GET", `/api/v1/jobs/${other}`, { token: t.admin })).status,
    ).toBe(200);
  });
});
