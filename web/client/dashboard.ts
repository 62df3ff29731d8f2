/**
 * The dashboard's small bundle, on every dashboard page: sortable tables, the sign-in form and
 * sign-out.
 * On a page without charts (red items, data quality, an overview with ?charts=0) it also sets the
 * "all charts drawn" flag, so benchmarks compare the same page with and without charts.
 */
import { markChartsDrawn } from "./lib/drawn.ts";
import { wireLoginForm, wireLogout } from "./lib/login-form.ts";
import { enableSortableTables } from "./lib/sort-table.ts";

enableSortableTables();
wireLoginForm();
wireLogout();
if (!document.getElementById("dashboard-data")) markChartsDrawn();
