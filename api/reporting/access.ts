/**
 * Reports are seen within the caller's scope: a report on a unit outside it is 404 (its existence
 * is not disclosed), a request for a unit outside it is 403, as for the indicators.
 */

import type { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { formatPeriod } from "../../shapes/periods.ts";
import type { AppEnv } from "../env.ts";
import { Forbidden, Invalid, NotFound } from "../errors.ts";
import { findUnitByCode, isInSubtree, type UnitRef } from "../org-tree/queries.ts";
import { getReport, type ReportRow } from "./queries/reports.ts";
import type { Report } from "./schema.ts";

/** The report `id` if it exists and lies in the caller's scope; else 404. */
export async function reportInScope(c: Context<AppEnv>, id: string): Promise<ReportRow> {
  const db = c.get("deps").store.db;
  const principal = c.get("principal")!;
  const row = await getReport(db, id);
  if (
    !row ||
    (principal.scopeUnitId !== null &&
      !(await isInSubtree(db, principal.scopeUnitId, row.orgUnitId)))
  ) {
    throw new NotFound(`报告 ${id} 不存在`);
  }
  return row;
}

/** The unit named by `code` (or the caller's scope root); 404 unknown, 403 outside the scope. */
export async function unitInScope(
  c: Context<AppEnv>,
  code: string | undefined,
  path: string,
): Promise<UnitRef> {
  const db = c.get("deps").store.db;
  const principal = c.get("principal")!;
  const wanted = code ?? principal.scopeCode ?? undefined;
  if (wanted === undefined) {
    throw new Invalid("请指定单位", [{ path, message: "必填：请指定单位编码" }]);
  }
  const unit = await findUnitByCode(db, wanted);
  if (!unit) throw new NotFound(`没有编码为 ${wanted} 的单位`);
  if (principal.scopeUnitId !== null && !(await isInSubtree(db, principal.scopeUnitId, unit.id))) {
    throw new Forbidden(`单位 ${unit.code} 不在您的管辖范围内`);
  }
  return unit;
}

/** A report row as the API shows it. */
export function reportJson(r: ReportRow): z.infer<typeof Report> {
  const self = `/api/v1/reports/${r.id}`;
  return {
    id: r.id,
    orgUnit: r.orgUnitCode,
    orgUnitName: r.orgUnitName,
    period: formatPeriod(r),
    edition: r.edition,
    status: r.status,
    progress: r.progress,
    percent: Math.round(r.progress * 100),
    error: r.error,
    attempts: r.attempts,
    maxAttempts: r.maxAttempts,
    scheme: { id: r.schemeId, version: r.schemeVersion },
    pages: r.pages,
    pdfSha256: r.pdfSha256,
    version: r.version,
    published: r.publishedAt !== null,
    publishedAt: r.publishedAt?.toISOString() ?? null,
    publishedBy: r.publishedBy,
    createdBy: r.createdBy,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
    links: {
      self,
      html: `${self}/html`,
      pdf: `${self}/pdf`,
      snapshot: `${self}/snapshot`,
      publish: `${self}/publish`,
    },
  };
}
