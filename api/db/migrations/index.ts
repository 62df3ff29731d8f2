import type { Migration } from "kysely";
import * as createCore from "./2026_11_23_1300_create_core.ts";
import * as createData from "./2026_11_23_1310_create_data.ts";
import * as defaultSurvey from "./2026_11_23_1320_add_default_survey.ts";
import * as dataVersion from "./2026_11_23_1330_create_data_version.ts";
import * as createSchemes from "./2026_11_23_1420_create_schemes.ts";
import * as createReports from "./2026_11_23_1500_create_reports.ts";
import * as leanCaseRecord from "./2026_11_23_1600_lean_case_record.ts";
import * as quarterFigures from "./2026_11_23_1610_create_quarter_figures.ts";
import * as caseContentHash from "./2026_12_06_1000_case_content_hash.ts";
import * as caseIdentityCollation from "./2026_12_06_1010_case_identity_collation.ts";
import * as caseTimesBrin from "./2026_12_06_1020_case_times_brin.ts";
import * as usernameCaseInsensitive from "./2026_12_06_1100_username_case_insensitive.ts";
import * as loginThrottle from "./2026_12_06_1110_create_login_throttle.ts";
import * as createAttachments from "./2026_12_06_1300_create_attachments.ts";
import * as createAppeals from "./2026_12_06_1310_create_appeals.ts";
import * as createPeriods from "./2026_12_06_1320_create_periods.ts";
import * as createRectifications from "./2026_12_06_1330_create_rectifications.ts";
import * as createAssessments from "./2026_12_06_1340_create_assessments.ts";
import * as allowRuralLevels from "./2026_12_06_1350_allow_rural_levels.ts";
import * as surveyIntegrity from "./2026_12_06_1400_survey_integrity.ts";
import * as returnReview from "./2026_12_06_1410_add_return_review.ts";

/**
 * Every migration, by name, in order. A static list (not a folder scan) so the same set runs
 * in Node and in a Worker bundle. Add new files here; never edit one that has shipped.
 */
export const migrations: Record<string, Migration> = {
  "2026_11_23_1300_create_core": createCore,
  "2026_11_23_1310_create_data": createData,
  "2026_11_23_1320_add_default_survey": defaultSurvey,
  "2026_11_23_1330_create_data_version": dataVersion,
  "2026_11_23_1420_create_schemes": createSchemes,
  "2026_11_23_1500_create_reports": createReports,
  "2026_11_23_1600_lean_case_record": leanCaseRecord,
  "2026_11_23_1610_create_quarter_figures": quarterFigures,
  "2026_12_06_1000_case_content_hash": caseContentHash,
  "2026_12_06_1010_case_identity_collation": caseIdentityCollation,
  "2026_12_06_1020_case_times_brin": caseTimesBrin,
  "2026_12_06_1100_username_case_insensitive": usernameCaseInsensitive,
  "2026_12_06_1110_create_login_throttle": loginThrottle,
  "2026_12_06_1300_create_attachments": createAttachments,
  "2026_12_06_1310_create_appeals": createAppeals,
  "2026_12_06_1320_create_periods": createPeriods,
  "2026_12_06_1330_create_rectifications": createRectifications,
  "2026_12_06_1340_create_assessments": createAssessments,
  "2026_12_06_1350_allow_rural_levels": allowRuralLevels,
  "2026_12_06_1400_survey_integrity": surveyIntegrity,
  "2026_12_06_1410_add_return_review": returnReview,
};
