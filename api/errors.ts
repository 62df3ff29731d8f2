import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { ZodError } from "zod";
import type { Logger } from "./logger.ts";
import "./zod-locale.ts";

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

/** What hono and its validators say in English, in Chinese. */
const LIBRARY_DETAILS: Record<string, string> = {
  "Malformed JSON in request body": "请求体不是合法的 JSON",
  "Malformed FormData request": "表单请求体格式有误",
  "Invalid mounted path": "请求地址有误",
};

/** Fallback details by status, for a library's message that is not in Chinese. */
const STATUS_DETAILS: Record<number, string> = {
  400: "请求格式有误",
  401: "请先登录，或提供有效的令牌",
  403: "无权执行此操作",
  404: "请求的资源不存在",
  405: "此地址不接受这种请求方式",
  413: "请求体超过此接口的大小上限",
  415: "请求的内容类型不受支持",
  429: "请求过于频繁，请稍后再试",
};

const CJK = /[\u4e00-\u9fff]/;

/** A thrown HTTPException's message as the Chinese `detail` (ours are Chinese already). */
function chineseDetail(message: string, status: number): string {
  if (CJK.test(message)) return message;
  const known = Object.entries(LIBRARY_DETAILS).find(([en]) => message.startsWith(en));
  return known?.[1] ?? STATUS_DETAILS[status] ?? "请求未能处理";
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
  if (err instanceof ZodError)
    return { p: problem(422, "请求未通过校验，见 errors 中各字段", zodFieldErrors(err)) };
  if (err instanceof HTTPException) {
    const status = err.status;
    const detail =
      status === 413 ? "请求体超过此接口的大小上限" : chineseDetail(err.message, status);
    return { p: problem(status, detail) };
  }
  return null;
}

/** How the app answers a problem: problem+json, or (app.ts) a Chinese page for a browser. */
export type ProblemAnswer = (
  c: Context,
  p: Problem,
  headers?: Record<string, string>,
) => Response | Promise<Response>;

/** The app's one error handler: typed errors → their status, anything else → a generic 500. */
export function onError(logger: Logger, answer: ProblemAnswer = problemResponse) {
  return function handleError(err: Error, c: Context) {
    const known = fromError(err);
    if (known) return answer(c, known.p, known.headers);
    logger.error(
      { err, requestId: c.get("requestId"), path: new URL(c.req.url).pathname },
      "unhandled error",
    );
    return answer(c, problem(500, "服务器内部出错，已记录，请稍后再试"));
  };
}
