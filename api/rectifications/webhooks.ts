/**
 * Group-robot webhooks for overdue rectification tasks (issue 19): each org unit may have one
 * (企业微信 or 钉钉); a task's notice goes to the nearest unit, itself or an ancestor, that has
 * one. Both robots take `{"msgtype":"text","text":{"content":"…"}}`.
 */
import type { Kysely, Transaction } from "kysely";
import { INDICATORS, type IndicatorCode } from "../../metrics/index.ts";
import type { DB } from "../db/database.ts";
import type { OrgUnitWebhookTable } from "../db/tables/rectification.ts";
import { Invalid } from "../errors.ts";

type Db = Kysely<DB> | Transaction<DB>;
export type WebhookKind = OrgUnitWebhookTable["kind"];

export const WEBHOOK_KIND_LABELS: Readonly<Record<WebhookKind, string>> = {
  wecom: "企业微信",
  dingtalk: "钉钉",
};

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * A webhook URL as stored: https, or http to this machine (a local receiver in tests). No
 * credentials in the URL. 422 naming `body.url` otherwise.
 */
export function checkWebhookUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Invalid("Webhook 地址不是有效的网址", [
      { path: "body.url", message: "不是有效的网址" },
    ]);
  }
  const local = url.protocol === "http:" && LOOPBACK.has(url.hostname);
  if (url.protocol !== "https:" && !local) {
    throw new Invalid("Webhook 地址须以 https:// 开头", [
      { path: "body.url", message: "须为 https 地址" },
    ]);
  }
  if (url.username !== "" || url.password !== "") {
    throw new Invalid("Webhook 地址中不能含用户名或密码", [
      { path: "body.url", message: "不能含用户名或密码" },
    ]);
  }
  return url.toString();
}

export interface WebhookRow {
  orgUnitId: number;
  kind: WebhookKind;
  url: string;
  updatedAt: Date;
  updatedBy: string;
}

/** Unit `unitId`'s own webhook, if any. */
export async function unitWebhook(db: Db, unitId: number): Promise<WebhookRow | undefined> {
  return db
    .selectFrom("org_unit_webhook")
    .select([
      "org_unit_id as orgUnitId",
      "kind",
      "url",
      "updated_at as updatedAt",
      "updated_by as updatedBy",
    ])
    .where("org_unit_id", "=", unitId)
    .executeTakeFirst();
}

/** Sets (replaces) unit `unitId`'s webhook. */
export async function putWebhook(
  db: Db,
  unitId: number,
  w: { kind: WebhookKind; url: string; by: string },
): Promise<void> {
  await db
    .insertInto("org_unit_webhook")
    .values({ org_unit_id: unitId, kind: w.kind, url: w.url, updated_by: w.by })
    .onConflict((oc) =>
      oc
        .column("org_unit_id")
        .doUpdateSet({ kind: w.kind, url: w.url, updated_by: w.by, updated_at: new Date() }),
    )
    .execute();
}

/** For each of `unitIds`: the webhook of the nearest unit, itself or an ancestor, that has one. */
export async function nearestWebhooks(
  db: Db,
  unitIds: readonly number[],
): Promise<Map<number, { kind: WebhookKind; url: string }>> {
  const out = new Map<number, { kind: WebhookKind; url: string }>();
  if (unitIds.length === 0) return out;
  const rows = await db
    .selectFrom("org_closure as oc")
    .innerJoin("org_unit_webhook as w", "w.org_unit_id", "oc.ancestor_id")
    .select(["oc.descendant_id as unitId", "oc.depth", "w.kind", "w.url"])
    .where("oc.descendant_id", "in", [...new Set(unitIds)])
    .orderBy("oc.descendant_id")
    .orderBy("oc.depth", "asc")
    .execute();
  for (const r of rows) {
    if (!out.has(r.unitId)) out.set(r.unitId, { kind: r.kind, url: r.url });
  }
  return out;
}

export interface OverdueNotice {
  id: number;
  unitName: string;
  parentName: string | null;
  period: string;
  indicator: string;
  deadline: string;
  daysOverdue: number;
}

/** The notice's text, in Chinese. */
export function noticeText(n: OverdueNotice): string {
  const name = INDICATORS[n.indicator as IndicatorCode]?.nameZh ?? n.indicator;
  const unit = n.parentName ? `${n.parentName}${n.unitName}` : n.unitName;
  return (
    `【整改逾期提醒】${unit} ${n.period}「${name}」整改任务 #${n.id} 已逾期 ${n.daysOverdue} 天` +
    `（整改期限 ${n.deadline}），请尽快落实整改措施并提交验收。`
  );
}

/** The robot's JSON body: both 企业微信 and 钉钉 group robots take a text message. */
export function webhookBody(_kind: WebhookKind, text: string): string {
  return JSON.stringify({ msgtype: "text", text: { content: text } });
}

/**
 * Posts one notice; resolves to null when the robot took it, else why not (HTTP status, the
 * robot's `errcode`, a network error or the 10 s timeout). Never throws.
 */
export async function sendWebhook(
  hook: { kind: WebhookKind; url: string },
  text: string,
  fetchImpl: typeof fetch = fetch,
): Promise<string | null> {
  try {
    const res = await fetchImpl(hook.url, {
      method: "POST",
      headers: { "content-type": "application/json; charset=utf-8" },
      body: webhookBody(hook.kind, text),
      signal: AbortSignal.timeout(10_000),
    });
    const body = await res.text();
    if (!res.ok) return `HTTP ${res.status}`;
    // Both robots answer 200 with {"errcode":0,"errmsg":"ok"}; another errcode is a refusal.
    try {
      const parsed = JSON.parse(body) as { errcode?: unknown; errmsg?: unknown };
      if (typeof parsed.errcode === "number" && parsed.errcode !== 0) {
        return `errcode ${parsed.errcode}: ${String(parsed.errmsg ?? "")}`.slice(0, 200);
      }
    } catch {
      // A body that is not JSON with a 2xx status counts as taken.
    }
    return null;
  } catch (err) {
    return String((err as Error).message ?? err).slice(0, 200);
  }
}
