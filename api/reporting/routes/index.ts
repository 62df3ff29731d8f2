import { newRouter } from "../../http/router.ts";
import { registerReportContent } from "./content.ts";
import { registerCreateReport } from "./create.ts";
import { registerPublishReport } from "./publish.ts";
import { registerReadReports } from "./read.ts";

/** Quarterly assessment reports: generate (background), status, HTML, PDF, publish, versions. */
export function reportRoutes() {
  const app = newRouter();
  registerCreateReport(app);
  registerReadReports(app);
  registerReportContent(app);
  registerPublishReport(app);
  return app;
}
