import { createCaseBuffers } from "../api/cases/byte-pool.ts";
import type { AppDeps } from "../api/env.ts";
import { IndicatorEngine } from "../api/indicators/engine.ts";
import { createJobRunner } from "../api/jobs/runner.ts";
import { createReportRuntime } from "../api/reporting/runtime.ts";
import { createSheetReader } from "../api/spreadsheet/read-sheet.ts";
import { createSurveyRuntime } from "../api/surveys/runtime.ts";

/**
 * The app's dependencies as the Node entry builds them (api/node.ts): one indicator engine, one
 * report runtime (queue and browser) over the store, one set of ingest buffers, a job runner and
 * a spreadsheet reader (its threads start on the first XLSX). The one place tests make them;
 * fields given in `base` are kept (a test's own password check, asset reader or engine).
 */
export function testDeps(
  base: Pick<AppDeps, "store" | "config" | "logger"> & Partial<AppDeps>,
): AppDeps {
  const engine = base.engine ?? new IndicatorEngine(base.store.db);
  return {
    clientIp: () => null,
    buffers: createCaseBuffers(),
    jobs: createJobRunner(base.logger),
    sheets: createSheetReader(),
    surveys: createSurveyRuntime(base),
    reports: createReportRuntime({ engine, config: base.config, logger: base.logger }),
    ...base,
    engine,
  };
}
