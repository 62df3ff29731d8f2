import type { Context } from "hono";
import type { AppEnv } from "../env.ts";

/** The public address of a unit's survey page: PUBLIC_URL when configured, else this request's origin. */
export function surveyLink(c: Context<AppEnv>, surveyId: string, code: string): string {
  const base = c.get("deps").config.PUBLIC_URL ?? new URL(c.req.url).origin;
  return `${base.replace(/\/+$/, "")}/s/${encodeURIComponent(surveyId)}/${encodeURIComponent(code)}`;
}

type QrModule = typeof import("qrcode");
/** Stays a module cache (issue 17): a lazily loaded module, not state. */
let qrcode: Promise<QrModule> | null = null;

/** The `qrcode` package, loaded on first use (PNG output needs Node's zlib through pngjs). */
export function loadQrcode(): Promise<QrModule> {
  qrcode ??= import("qrcode").then((m) => ((m as { default?: QrModule }).default ?? m) as QrModule);
  return qrcode;
}
