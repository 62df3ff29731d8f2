import { newRouter } from "../../http/router.ts";
import { registerReportContent } from "./content.ts";
import { registerCreateReport } from "./create.ts";
import { registerDeleteReport } from "./delete.ts";
import { registerPublishReport } from "./publish.ts";
import { registerReadReports } from "./read.ts";

/** Quarterly assessment reports: generate (background), status, HTML, PDF, publish, versions, delete a draft. */
export function reportRoutes() {
  const app = newRouter();
  registerCreateReport(app);
  registerReadReports(app);
  registerReportContent(app);
  registerPublishReport(app);
  registerDeleteReport(app);
  return app;
}
