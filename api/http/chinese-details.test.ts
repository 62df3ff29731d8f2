import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_PASSWORD, seedSmallWorld } from "../../test/accounts.ts";
import { openTestEnv, STORE_KINDS, type TestEnv } from "../../test/stores.ts";

// Every refusal a person can read is Chinese (issue 21, point 4). Walks the OpenAPI document:
// each operation is called the ways that go wrong (anonymous, by a role or scope that may not,
// with an empty, malformed or wrongly typed body, with units and ids that do not exist), and
// every problem+json answer's `detail` and `errors[].message` must hold Chinese and no English
// sentence; `errors[].path` stays the machines' dotted path.

const CJK = /[\u4e00-\u9fff]/;
/** Three English words in a row: a sentence, not a field name, a code or a media type. */
const ENGLISH = /\b[A-Za-z]{2,}[ ,]+[A-Za-z]{2,}[ ,]+[A-Za-z]{2,}\b/;

// biome-ignore lint/suspicious/noExplicitAny: the OpenAPI document is untyped JSON walked by hand
type Json = any;

interface Answer {
  label: string;
  status: number;
  contentType: string;
  body: Json;
}

/** Writes that must not run for real during the walk (they would end the walk's own sessions). */
const SKIP = new Set(["POST /api/v1/auth/logout"]);

/** A path parameter's value: one that names nothing, or (`outside`) a unit outside S2's scope. */
function paramValue(name: string, type: string | undefined, outside: boolean): string {
  if (/code|orgUnit|root/i.test(name)) return outside ? "S1" : "NOPE";
  if (/period/i.test(name)) return "2026Q3";
  if (/surveyId/i.test(name)) return "satisfaction";
  return type === "integer" || type === "number" || /id$/i.test(name) ? "999999" : "nope";
}

describe.each(STORE_KINDS)("Chinese problem details across the API on %s", (kind) => {
  let env: TestEnv;
  let tokens: Awaited<ReturnType<typeof seedSmallWorld>>;
  let doc: Json;
  const answers: Answer[] = [];

  async function send(
    label: string,
    method: string,
    url: string,
    token: string | undefined,
    body?: { type: string; text: string },
  ) {
    const headers: Record<string, string> = { connection: "close" };
    if (token) headers.authorization = `Bearer ${token}`;
    if (body) headers["content-type"] = body.type;
    const res = await fetch(env.baseUrl + url, { method, headers, body: body?.text });
    const text = await res.text();
    const contentType = res.headers.get("content-type") ?? "";
    answers.push({
      label: `${label} → ${res.status}`,
      status: res.status,
      contentType,
      body: contentType.includes("json") && text ? JSON.parse(text) : text,
    });
  }

  beforeAll(async () => {
    env = await openTestEnv(kind, { ADMIN_PASSWORD, SURVEY_RATE_LIMIT: "0", REPORT_CRON: "off" });
    tokens = await seedSmallWorld(env);
    doc = await (await fetch(`${env.baseUrl}/api/v1/openapi.json`)).json();
    for (const [template, ops] of Object.entries<Json>(doc.paths)) {
      for (const [method, op] of Object.entries<Json>(ops)) {
        const name = `${method.toUpperCase()} ${template}`;
        if (SKIP.has(name)) continue;
        const params: Json[] = op.parameters ?? [];
        const fill = (outside: boolean) =>
          template.replace(/\{(\w+)\}/g, (_, p: string) => {
            const schema = params.find((x) => x.name === p)?.schema;
            return encodeURIComponent(paramValue(p, schema?.type, outside));
          });
        const url = fill(false);
        const hasBody = op.requestBody !== undefined;
        const json = hasBody ? { type: "application/json", text: "{}" } : undefined;
        const m = method.toUpperCase();
        await send(`${name} anonymous`, m, url, undefined, json);
        await send(`${name} clerk`, m, url, tokens["clerk-s1"], json);
        await send(`${name} scoped admin`, m, fill(true), tokens["admin-s2"], json);
        await send(`${name} admin`, m, url, tokens.admin, json);
        if (hasBody) {
          await send(`${name} malformed`, m, url, tokens.admin, {
            type: "application/json",
            text: "{not json",
          });
          await send(`${name} wrong type`, m, url, tokens.admin, {
            type: "text/plain",
            text: "x",
          });
        }
      }
    }
    await send("unknown API path", "GET", "/api/v1/no-such-thing", tokens.admin);
    await send("wrong method", "PATCH", "/api/v1/org-units", tokens.admin);
    await send("too large", "PUT", "/api/v1/org-units", tokens.admin, {
      type: "application/json",
      text: JSON.stringify({ pad: "x".repeat(33 * 1024 * 1024) }),
    });
  }, 600_000);
  afterAll(async () => {
    await env?.close();
  });

  it("answers each refusal with a Chinese detail and Chinese field messages", () => {
    const problems = answers.filter((a) => a.contentType.includes("application/problem+json"));
    // The walk provoked every kind of refusal, not a handful.
    const statuses = new Set(problems.map((a) => a.status));
    for (const s of [400, 401, 403, 404, 405, 413, 415, 422])
      expect(statuses, String(s)).toContain(s);
    expect(problems.length).toBeGreaterThan(200);
    const bad: string[] = [];
    for (const a of problems) {
      const detail = String(a.body.detail ?? "");
      if (!CJK.test(detail) || ENGLISH.test(detail)) bad.push(`${a.label}: detail ${detail}`);
      for (const e of (a.body.errors ?? []) as { path: string; message: string }[]) {
        if (!CJK.test(e.message) || ENGLISH.test(e.message)) {
          bad.push(`${a.label}: ${e.path}: ${e.message}`);
        }
        // Paths are for machines: dotted field names, not translated.
        expect(e.path, a.label).toMatch(/^[\w.()!\-[\]\u4e00-\u9fff]+$/);
      }
    }
    expect(bad).toEqual([]);
  });

  it("never answers the walk with a 500", () => {
    expect(answers.filter((a) => a.status >= 500).map((a) => a.label)).toEqual([]);
  });
});
