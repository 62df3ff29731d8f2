import type { Hono } from "hono";

interface RouteShape {
  method: string;
  pattern: RegExp;
}

/**
 * Finds the methods a path does answer to, so an unmatched request can get 405 with `Allow`
 * instead of 404. Built once from the app's registered routes (`:param` segments match any
 * one segment).
 */
export function allowedMethods(app: Hono<never>): (path: string) => string[] {
  const shapes: RouteShape[] = [];
  for (const r of app.routes) {
    if (r.method === "ALL" || r.path.includes("*")) continue;
    const source = r.path
      .split("/")
      .map((seg) => (seg.startsWith(":") ? "[^/]+" : seg.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
      .join("/");
    shapes.push({ method: r.method, pattern: new RegExp(`^${source}/?$`) });
  }
  return (path) => [...new Set(shapes.filter((s) => s.pattern.test(path)).map((s) => s.method))];
}
