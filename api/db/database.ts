import type { AppealAttachmentTable, AppealCaseTable, AppealTable } from "./tables/appeal.ts";
import type { AssessmentTable } from "./tables/assessment.ts";
import type { AttachmentTable } from "./tables/attachment.ts";
import type { AuditLogTable, JobTable } from "./tables/audit.ts";
import type { CaseRecordTable, SourceFreshnessTable } from "./tables/case-record.ts";
import type { DataVersionTable } from "./tables/data-version.ts";
import type { OrgClosureTable, OrgUnitTable, OrgUnitYearTable } from "./tables/org-unit.ts";
import type { OfficialFiguresTable, PeriodClosingTable } from "./tables/period.ts";
import type { QuarterFiguresTable } from "./tables/quarter-figures.ts";
import type {
  OrgUnitWebhookTable,
  RectificationAttachmentTable,
  RectificationDecisionTable,
  RectificationProgressTable,
  RectificationTaskTable,
} from "./tables/rectification.ts";
import type { ReportTable } from "./tables/report.ts";
import type { SchemeTable } from "./tables/scheme.ts";
import type { SurveyFlagTable, SurveyResponseTable, SurveyTable } from "./tables/survey.ts";
import type { UnitReturnHistoryTable, UnitReturnTable } from "./tables/unit-return.ts";
import type { ApiKeyTable, AppUserTable, LoginThrottleTable, SessionTable } from "./tables/user.ts";

/** The whole schema as Kysely sees it. One interface per table under `tables/`. */
export interface DB {
  org_unit: OrgUnitTable;
  org_closure: OrgClosureTable;
  org_unit_year: OrgUnitYearTable;
  app_user: AppUserTable;
  session: SessionTable;
  login_throttle: LoginThrottleTable;
  api_key: ApiKeyTable;
  audit_log: AuditLogTable;
  job: JobTable;
  case_record: CaseRecordTable;
  source_freshness: SourceFreshnessTable;
  unit_return: UnitReturnTable;
  unit_return_history: UnitReturnHistoryTable;
  survey: SurveyTable;
  survey_response: SurveyResponseTable;
  survey_flag: SurveyFlagTable;
  data_version: DataVersionTable;
  scheme: SchemeTable;
  report: ReportTable;
  quarter_figures: QuarterFiguresTable;
  attachment: AttachmentTable;
  appeal: AppealTable;
  appeal_case: AppealCaseTable;
  appeal_attachment: AppealAttachmentTable;
  period_closing: PeriodClosingTable;
  assessment: AssessmentTable;
  official_figures: OfficialFiguresTable;
  rectification_task: RectificationTaskTable;
  rectification_progress: RectificationProgressTable;
  rectification_decision: RectificationDecisionTable;
  rectification_attachment: RectificationAttachmentTable;
  org_unit_webhook: OrgUnitWebhookTable;
}
