import { expect } from "vitest";
import type { z } from "zod";

export interface CallOptions {
  token?: string;
  json?: unknown;
  body?: BodyInit;
  headers?: Record<string, string>;
}

export interface CallResult {
  status: number;
  headers: Headers;
  contentType: string;
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are checked by each test's assertions or schema
  body: any;
  text: string;
}

/** One real HTTP request to the app under test; parses JSON and problem+json bodies. */
export async function call(
  baseUrl: string,
  method: string,
  path: string,
  opts: CallOptions = {},
): Promise<CallResult> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let body = opts.body;
  if (opts.json !== undefined) {
    body = JSON.stringify(opts.json);
    headers["content-type"] ??= "application/json";
  }
  const res = await fetch(baseUrl + path, { method, headers, body });
  const text = await res.text();
  const contentType = res.headers.get("content-type") ?? "";
  let parsed: unknown = text;
  if (contentType.includes("json") && text.length > 0) parsed = JSON.parse(text);
  return { status: res.status, headers: res.headers, contentType, body: parsed, text };
}

/** Asserts an RFC 9457 problem response with the given status; returns its body. */
export function expectProblem(res: CallResult, status: number) {
  expect(res.status, res.text).toBe(status);
  expect(res.contentType).toContain("application/problem+json");
  expect(res.body).toMatchObject({
    status,
    type: expect.any(String),
    title: expect.any(String),
    detail: expect.any(String),
  });
  return res.body as {
    status: number;
    detail: string;
    errors?: { path: string; message: string }[];
  };
}

/** Parses a body with the route's own schema (STYLE.md: assert responses with the route's schema). */
export function expectShape<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new Error(`response does not match schema: ${parsed.error.message}`);
  return parsed.data;
}
