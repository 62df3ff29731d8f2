/**
 * The dashboard's small bundle, on every dashboard page: sortable tables, the sign-in form,
 * sign-out, the report panel's generate and publish buttons, the appeals forms, the closing
 * page's forms, the rectification forms, the scoring form and the administrator's forms
 * (系统管理: users, keys, a unit's yearly facts, a scheme's next version).
 * On a page without charts (red items, data quality, an overview with ?charts=0) it also sets the
 * "all charts drawn" flag, so benchmarks compare the same page with and without charts.
 */
import { wireAdminActions } from "./lib/admin-actions.ts";
import { wireAppealActions } from "./lib/appeal-actions.ts";
import { wireAssessmentActions } from "./lib/assessment-actions.ts";
import { markChartsDrawn } from "./lib/drawn.ts";
import { wireLoginForm, wireLogout } from "./lib/login-form.ts";
import { wirePeriodActions } from "./lib/period-actions.ts";
import { wireRectificationActions } from "./lib/rectification-actions.ts";
import { wireReportActions } from "./lib/report-actions.ts";
import { wireSetupActions } from "./lib/setup-actions.ts";
import { enableSortableTables } from "./lib/sort-table.ts";

enableSortableTables();
wireLoginForm();
wireLogout();
wireReportActions();
wireAppealActions();
wireAssessmentActions();
wirePeriodActions();
wireRectificationActions();
wireSetupActions();
wireAdminActions();
if (!document.getElementById("dashboard-data")) markChartsDrawn();
