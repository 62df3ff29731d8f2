import { OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../env.ts";
import { Invalid, zodFieldErrors } from "../errors.ts";
import { hostileValue, INT4_MAX, intRange } from "./input-rules.ts";

/** RFC 9457 problem details, as every error of this API is sent. */
export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .openapi("Problem");

const DESCRIPTIONS: Record<number, string> = {
  400: "Malformed request (bad JSON, bad query)",
  401: "No valid session or key",
  403: "Role or scope does not allow this",
  404: "Not found",
  409: "Conflict with the current state",
  413: "Body too large",
  415: "Wrong content type",
  422: "Validation failed; `errors` names each field",
  429: "Too many requests; see Retry-After",
};

/**
 * The problem+json responses a route can give, for its OpenAPI entry. 400 is always among
 * them: any route refuses a URL with a NUL in it (middleware/url-text.ts).
 */
export function problems(...statuses: number[]) {
  return Object.fromEntries(
    [...new Set([400, ...statuses])].map((s) => [
      s,
      {
        description: DESCRIPTIONS[s] ?? "Error",
        content: { "application/problem+json": { schema: Problem } },
      },
    ]),
  );
}

/** A JSON body for an OpenAPI route. */
export function jsonBody<T extends z.ZodType>(schema: T, description?: string) {
  return {
    content: { "application/json": { schema } },
    required: true,
    ...(description ? { description } : {}),
  };
}

/** A JSON response for an OpenAPI route. */
export function jsonResponse<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { "application/json": { schema } } };
}

/**
 * A resource's router. Validation failures become `Invalid` (422 problem+json naming each
 * field, prefixed with where it was: `query.period`, `body.units.2.code`). What passed the
 * schema is then walked once against the rules every input obeys (http/input-rules.ts: no NUL or
 * lone surrogate in text or keys, finite numbers, bounded nesting), so that free-form parts
 * (`z.record`, `z.unknown()`: SurveyJS definitions and answers) are held to them too, on every
 * route and before any handler, the public ones included.
 */
export function newRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      const where = result.target === "json" ? "body" : result.target;
      if (!result.success) {
        throw new Invalid(
          "请求未通过校验，见 errors 中各字段",
          zodFieldErrors(result.error, where),
        );
      }
      const hostile = hostileValue(result.data, where);
      if (hostile) throw new Invalid("请求中有无法接受的值", [hostile]);
    },
  });
}

export type Router = ReturnType<typeof newRouter>;

/**
 * A whole number for a PostgreSQL `integer` column (population, households, a version), from
 * `min` up to 2,147,483,647; larger values are refused here rather than by the database.
 */
export const int4 = (min = 0) =>
  z
    .number()
    .int(intRange(min, INT4_MAX))
    .min(min, intRange(min, INT4_MAX))
    .max(INT4_MAX, intRange(min, INT4_MAX));

/** The same from a query or path text (`?schemeVersion=3`, `/users/{id}`). */
export const int4Text = (min = 0) =>
  z.coerce
    .number()
    .int(intRange(min, INT4_MAX))
    .min(min, intRange(min, INT4_MAX))
    .max(INT4_MAX, intRange(min, INT4_MAX));

/** An org-unit code as the API takes it (administrative codes are digits; tests use letters too). */
export const OrgUnitCode = z
  .string()
  .regex(/^[0-9A-Za-z_-]{1,32}$/, "单位编码：1–32 位字母、数字、“-”或“_”")
  .openapi({ example: "310101001" });
