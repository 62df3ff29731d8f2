import { newRouter } from "../../http/router.ts";
import { registerAssessmentExport } from "./assessment.ts";
import { registerExportFiles } from "./files.ts";
import { registerRawExports } from "./raw.ts";

/** Assessor exports: the audit workbook, raw tables (CSV/XLSX) and background export files. */
export function exportRoutes() {
  const app = newRouter();
  registerAssessmentExport(app);
  registerRawExports(app);
  registerExportFiles(app);
  return app;
}
