import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { formatPeriod, type Quarter, quarterEnd, quarterStart } from "../../../shapes/periods.ts";
import { can } from "../../access/permissions.ts";
import type { AppEnv } from "../../env.ts";
import { jsonResponse, problems, type Router } from "../../http/router.ts";
import { requirePeriod } from "../../indicators/schema.ts";
import { authorize } from "../../middleware/authorize.ts";
import type { UnitRef } from "../../org-tree/queries.ts";
import { auditExport, exportRoot } from "../access.ts";
import { countCaseExport, streamCaseExport } from "../case-rows.ts";
import { EXPORT_ASYNC_ROWS, exportJob, type RawExport, streamExport } from "../deliver.ts";
import {
  countSurveyResponseExport,
  listReturnExport,
  streamSurveyResponseExport,
} from "../queries.ts";
import type { ExportScope, ReadMode } from "../reading.ts";
import { ExportAccepted, RawCsvQuery, RawXlsxQuery, XLSX_TYPE } from "../schema.ts";
import {
  CASE_TABLE,
  caseCells,
  RETURN_TABLE,
  returnCells,
  surveyResponseCells,
  surveyResponseTable,
} from "../tables.ts";

interface Source {
  path: "cases" | "survey-responses" | "returns";
  nameZh: string;
  summary: string;
  build(
    c: Context<AppEnv>,
    unit: UnitRef,
    q: Quarter,
  ): Promise<Omit<RawExport, "format" | "encoding" | "fileName" | "fileNameZh" | "table">>;
}

const modeOf = (c: Context<AppEnv>): ReadMode =>
  c.get("deps").store.kind === "postgres" ? "cursor" : "pages";

async function* mapChunks<R, T>(chunks: AsyncIterable<R[]>, f: (r: R) => T): AsyncGenerator<T[]> {
  for await (const chunk of chunks) yield chunk.map(f);
}

const scopeOf = (unit: UnitRef, q: Quarter): ExportScope => ({
  rootId: unit.id,
  from: quarterStart(q),
  to: quarterEnd(q),
});

const SOURCES: Source[] = [
  {
    path: "cases",
    nameZh: "工单",
    summary:
      "Raw cases of the subtree that count in the quarter (reported or resolved in it), Chinese headers as the import template",
    async build(c, unit, q) {
      const db = c.get("deps").store.db;
      const s = scopeOf(unit, q);
      const mode = modeOf(c);
      return {
        spec: CASE_TABLE,
        total: await countCaseExport(db, s),
        rows: () => mapChunks(streamCaseExport(db, s, mode), caseCells),
      };
    },
  },
  {
    path: "survey-responses",
    nameZh: "问卷答卷",
    summary:
      "Survey responses submitted in the quarter in the subtree (comments, masked, only for roles that may read them)",
    async build(c, unit, q) {
      const db = c.get("deps").store.db;
      const s = scopeOf(unit, q);
      const mode = modeOf(c);
      const comments = can(c.get("principal")!.role, "surveyComments.read");
      return {
        spec: surveyResponseTable(comments),
        total: await countSurveyResponseExport(db, s),
        rows: () =>
          mapChunks(streamSurveyResponseExport(db, s, mode, comments), (r) =>
            surveyResponseCells(r, comments),
          ),
      };
    },
  },
  {
    path: "returns",
    nameZh: "季度填报",
    summary:
      "Quarterly returns of the subtree for quarters 1 to Q of the period's year (R1 is year-to-date)",
    async build(c, unit, q) {
      const rows = await listReturnExport(c.get("deps").store.db, {
        rootId: unit.id,
        year: q.year,
        quarter: q.quarter,
      });
      return {
        spec: RETURN_TABLE,
        total: rows.length,
        rows: () =>
          (async function* () {
            yield rows.map(returnCells);
          })(),
      };
    },
  },
];

const fileResponses = (type: string) => ({
  200: {
    description: "The file, streamed",
    content: { [type]: { schema: z.string().openapi({ format: "binary" }) } },
  },
  202: jsonResponse(ExportAccepted, "A large export is being written; follow statusUrl"),
  ...problems(400, 401, 403, 404, 422),
});

const DESCRIPTION =
  "Within your scope only (exports.read: assessors, leaders, administrators). Streamed from a database cursor in bounded memory. " +
  `Exports of more than ${EXPORT_ASYNC_ROWS.toLocaleString("en")} rows, or with async=1, run as a background job: 202 {jobId}, then GET /jobs/{jobId} for progress; ` +
  "its result's downloadUrl (GET /exports/files/{jobId}) serves the file to you for 24 hours. Every export is recorded in the audit log.";

function register(app: Router, src: Source, format: "csv" | "xlsx") {
  const route = createRoute({
    method: "get",
    path: `/exports/${src.path}.${format}`,
    tags: ["exports"],
    summary: src.summary,
    description:
      format === "csv"
        ? `${DESCRIPTION} UTF-8 with a byte order mark (Excel reads Chinese), or encoding=gb18030.`
        : `${DESCRIPTION} Sheets split at Excel's 1,048,576 rows.`,
    middleware: [authorize("exports.read")] as const,
    request: { query: format === "csv" ? RawCsvQuery : RawXlsxQuery },
    responses: fileResponses(format === "csv" ? "text/csv" : XLSX_TYPE),
  });
  app.openapi(route, async (c) => {
    const query = c.req.valid("query") as z.infer<typeof RawCsvQuery>;
    const q = requirePeriod(query.period);
    const unit = await exportRoot(c, query.orgUnit);
    const built = await src.build(c, unit, q);
    const period = formatPeriod(q);
    const encoding = format === "csv" && query.encoding === "gb18030" ? "gb18030" : "utf-8";
    const exp: RawExport = {
      ...built,
      table: src.path,
      format,
      encoding,
      fileName: `${src.path}-${unit.code}-${period}.${format}`,
      fileNameZh: `${src.nameZh}-${unit.name}-${period}.${format}`,
    };
    const background =
      query.async === "1" || query.async === "true" || built.total > EXPORT_ASYNC_ROWS;
    const detail = { rows: built.total, format, encoding, period, orgUnit: unit.code, background };
    const target = `${src.path}.${format}: ${unit.code} ${period}`;
    if (background) {
      const accepted = await exportJob(c, exp, { orgUnit: unit.code, period, format, encoding });
      await auditExport(c, 202, target, { ...detail, jobId: accepted.jobId });
      return c.json(accepted, 202);
    }
    await auditExport(c, 200, target, detail);
    return streamExport(c, exp) as never;
  });
}

export function registerRawExports(app: Router) {
  for (const src of SOURCES) {
    register(app, src, "csv");
    register(app, src, "xlsx");
  }
}
