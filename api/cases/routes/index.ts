import { newRouter } from "../../http/router.ts";
import { Case } from "../schema.ts";
import { registerCaseBatch } from "./batch.ts";
import { registerCaseFreshness } from "./freshness.ts";
import { registerCaseImport } from "./import.ts";
import { registerCaseTemplate } from "./template.ts";

/** Case ingestion: JSON batches, CSV/XLSX files, the import template, and source freshness. */
export function caseRoutes() {
  const app = newRouter();
  app.openAPIRegistry.register("Case", Case);
  registerCaseBatch(app);
  registerCaseImport(app);
  registerCaseTemplate(app);
  registerCaseFreshness(app);
  return app;
}
