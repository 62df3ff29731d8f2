/**
 * A refused or failed request answered to a person: a browser asking for a page (not /api/…,
 * Accept: text/html) gets a Chinese page with the navigation and a way back; API clients keep
 * problem+json (api/errors.ts).
 */
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { DashboardErrorPage } from "../../web/pages/dashboard-error.tsx";
import type { ErrorView } from "../../web/pages/dashboard-model.ts";
import { webScripts } from "../assets/dashboard.ts";
import { navFor } from "../dashboard/nav.ts";
import type { AppEnv } from "../env.ts";
import { type Problem, problemResponse } from "../errors.ts";

/** The page titles by status; any other status reads as 出错了. */
const PAGE_TITLES: Record<number, string> = {
  400: "请求有误",
  401: "请先登录",
  403: "无权访问",
  404: "页面不存在",
  405: "不支持的请求方式",
  409: "操作冲突",
  413: "内容过大",
  415: "格式不支持",
  422: "请求有误",
  429: "操作过于频繁",
  500: "系统出错",
  503: "服务暂不可用",
};

/** A browser's request for a page: not the API, and HTML is what it takes. */
export function wantsPage(c: Context): boolean {
  const path = new URL(c.req.url).pathname;
  if (path === "/api" || path.startsWith("/api/")) return false;
  return (c.req.header("accept") ?? "").toLowerCase().includes("text/html");
}

/** The Chinese page's view of a problem, for a signed-in user or an anonymous visitor. */
export function problemView(c: Context<AppEnv>, p: Problem): ErrorView {
  const principal = c.get("principal");
  const user = principal?.kind === "user" ? principal : null;
  const requestId = c.get("requestId") as string | undefined;
  const path = new URL(c.req.url).pathname;
  const message =
    p.status === 404
      ? `没有这个页面：${path}。请检查地址，或${user ? "" : "登录后"}从导航进入。`
      : p.status >= 500
        ? `服务器处理请求时出错，已记录在案，请稍后再试。如仍出错，请把请求编号 ${requestId ?? "（无）"} 告诉系统管理员。`
        : p.detail;
  const back =
    p.status === 401 || !user
      ? { href: `/login?next=${encodeURIComponent(path)}`, label: "登录" }
      : { href: "/dashboard", label: "返回首页" };
  return {
    status: p.status as ErrorView["status"],
    title: PAGE_TITLES[p.status] ?? "出错了",
    message,
    back,
    nav: user ? navFor(user, null, null, null, null) : null,
  };
}

/** Answers a problem: the Chinese page for a browser's page request, else problem+json. */
export async function answerProblem(
  c: Context<AppEnv>,
  p: Problem,
  headers?: Record<string, string>,
): Promise<Response> {
  if (!wantsPage(c)) return problemResponse(c, p, headers);
  try {
    const view = problemView(c, p);
    const scripts = await webScripts(c.get("deps"));
    return await c.html(
      <DashboardErrorPage view={view} scripts={scripts} />,
      p.status as ContentfulStatusCode,
      { ...headers, "cache-control": "no-store" },
    );
  } catch {
    // The page could not be drawn (the store is down): the plain answer still goes out.
    return problemResponse(c, p, headers);
  }
}
