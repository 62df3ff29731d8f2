import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { ZodError } from "zod";
import type { Logger } from "./logger.ts";

/** One failed field: `path` in dotted form (`cases.3.reportedAt`), `message` in plain words. */
export interface FieldError {
  path: string;
  message: string;
}

/** Base of the domain's typed errors. They carry no HTTP knowledge; `toProblem` maps them. */
export class DomainError extends Error {
  override name = "DomainError";
}
export class NotFound extends DomainError {
  override name = "NotFound";
}
export class Conflict extends DomainError {
  override name = "Conflict";
}
export class Forbidden extends DomainError {
  override name = "Forbidden";
}
export class Unauthenticated extends DomainError {
  override name = "Unauthenticated";
}
/** Input that is well-formed but wrong; `errors` names each bad field. */
export class Invalid extends DomainError {
  override name = "Invalid";
  constructor(
    message: string,
    readonly errors: FieldError[] = [],
  ) {
    super(message);
  }
}
/** Too many attempts; `retryAfterSeconds` tells when to try again. */
export class TooMany extends DomainError {
  override name = "TooMany";
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}
/** A request that is too large to take (a batch over its limit). */
export class TooLarge extends DomainError {
  override name = "TooLarge";
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  requestId?: string;
  errors?: FieldError[];
}

const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

/** The problem type URI for a status: stable, documented in the OpenAPI document. */
export function problemType(status: number): string {
  return status === 500 ? "about:blank" : `https://scorecard369.dev/problems/${status}`;
}

export function problem(status: number, detail: string, errors?: FieldError[]): Problem {
  return {
    type: problemType(status),
    title: TITLES[status] ?? "Error",
    status,
    detail,
    ...(errors && errors.length > 0 ? { errors } : {}),
  };
}

/** Zod issues as field errors, paths dotted and prefixed (`query.period`, `cases.2.kind`). */
export function zodFieldErrors(error: ZodError, prefix?: string): FieldError[] {
  return error.issues.map((issue) => {
    const parts = [...(prefix ? [prefix] : []), ...issue.path.map(String)];
    return { path: parts.join(".") || "(root)", message: issue.message };
  });
}

/** Writes a problem+json response with the request's id and path. */
export function problemResponse(c: Context, p: Problem, headers?: Record<string, string>) {
  const body: Problem = {
    ...p,
    instance: new URL(c.req.url).pathname,
    requestId: c.get("requestId") as string | undefined,
  };
  return c.body(JSON.stringify(body), p.status as ContentfulStatusCode, {
    "content-type": "application/problem+json; charset=utf-8",
    ...headers,
  });
}

function fromError(err: unknown): { p: Problem; headers?: Record<string, string> } | null {
  if (err instanceof Invalid) return { p: problem(422, err.message, err.errors) };
  if (err instanceof NotFound) return { p: problem(404, err.message) };
  if (err instanceof Conflict) return { p: problem(409, err.message) };
  if (err instanceof Forbidden) return { p: problem(403, err.message) };
  if (err instanceof Unauthenticated) {
    return { p: problem(401, err.message), headers: { "www-authenticate": "Bearer" } };
  }
  if (err instanceof TooLarge) return { p: problem(413, err.message) };
  if (err instanceof TooMany) {
    return {
      p: problem(429, err.message),
      headers: { "retry-after": String(Math.max(1, Math.ceil(err.retryAfterSeconds))) },
    };
  }
  if (err instanceof ZodError) return { p: problem(422, "Validation failed", zodFieldErrors(err)) };
  if (err instanceof HTTPException) {
    const status = err.status;
    const detail =
      status === 413
        ? "The request body is larger than this endpoint accepts"
        : err.message || (TITLES[status] ?? "Error");
    return { p: problem(status, detail) };
  }
  return null;
}

/** The app's one error handler: typed errors → their status, anything else → a generic 500. */
export function onError(logger: Logger) {
  return function handleError(err: Error, c: Context) {
    const known = fromError(err);
    if (known) return problemResponse(c, known.p, known.headers);
    logger.error(
      { err, requestId: c.get("requestId"), path: new URL(c.req.url).pathname },
      "unhandled error",
    );
    return problemResponse(c, problem(500, "An unexpected error occurred; it has been logged"));
  };
}
