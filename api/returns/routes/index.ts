import { newRouter } from "../../http/router.ts";
import { registerGetReturns } from "./get.ts";
import { registerPutReturn } from "./put.ts";
import { registerReviewReturn } from "./review.ts";
import { registerTemplate } from "./template.ts";
import { registerUpload } from "./upload.ts";

/** Quarterly returns: file by API or by the Excel template, read back with their history, reviewed by the street. */
export function returnRoutes() {
  const app = newRouter();
  registerTemplate(app);
  registerUpload(app);
  registerPutReturn(app);
  registerReviewReturn(app);
  registerGetReturns(app);
  return app;
}
