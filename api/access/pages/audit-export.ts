/**
 * The audit log as CSV (Chinese headers, UTF-8 with BOM so that Excel opens it): every entry the
 * page's filters keep in the administrator's scope, newest first, read in chunks, at most
 * AUDIT_EXPORT_MAX rows (a narrower filter gets the rest).
 */
import type { Kysely } from "kysely";
import type { TableCell, TableSpec } from "../../../reports/tabular/table.ts";
import { shanghaiWallClock } from "../../../shapes/periods.ts";
import type { DB } from "../../db/database.ts";
import { ACTOR_KIND_LABELS, actionLabel, METHOD_LABELS } from "../audit/labels.ts";
import { type AuditFilter, countAudit, listAudit } from "../audit/queries.ts";
import { detailText } from "./audit.ts";

export const AUDIT_EXPORT_MAX = 100_000;
const CHUNK = 2_000;

const text = (header: string, width = 12) => ({ header, width, kind: "text" as const });

export const AUDIT_TABLE: TableSpec = {
  sheetName: "审计日志",
  columns: [
    { header: "时间", width: 20, kind: "datetime" },
    text("操作人", 16),
    text("操作人类型", 10),
    text("操作", 14),
    text("操作代码", 16),
    text("请求方式", 8),
    text("路径", 30),
    { header: "结果状态码", width: 10, kind: "number" },
    text("对象", 30),
    text("详情", 40),
    text("来源IP", 16),
    text("请求编号", 24),
  ],
};

/** The rows to export (capped) and a fresh pass over them, chunk by chunk. */
export async function auditExportRows(db: Kysely<DB>, asked: AuditFilter, now = new Date()) {
  // Entries written while the file is read (the export's own, for one) would shift the pages.
  const filter = { ...asked, until: asked.until && asked.until < now ? asked.until : now };
  const total = Math.min(await countAudit(db, filter), AUDIT_EXPORT_MAX);
  async function* rows(): AsyncIterable<TableCell[][]> {
    for (let offset = 0; offset < total; offset += CHUNK) {
      const chunk = await listAudit(db, {
        ...filter,
        limit: Math.min(CHUNK, total - offset),
        offset,
      });
      if (chunk.length === 0) return;
      yield chunk.map((r) => [
        shanghaiWallClock(r.at).slice(0, 19).replace("T", " "),
        r.actor,
        ACTOR_KIND_LABELS[r.actorKind] ?? r.actorKind,
        `${actionLabel(r.action)} · ${METHOD_LABELS[r.method] ?? r.method}`,
        r.action,
        r.method,
        r.path,
        r.status,
        r.target,
        detailText(r.detail) || null,
        r.ip,
        r.requestId,
      ]);
    }
  }
  return { total, rows };
}
