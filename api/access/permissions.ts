import type { Role } from "../db/tables/user.ts";

/**
 * Every action a route can require. Routes name one; `authorize` (middleware/authorize.ts) is the
 * only place that decides whether the caller's role may take it. Scope (which org units) is
 * checked separately, against the caller's subtree.
 */
export const ACTIONS = [
  "orgUnits.read",
  "orgUnits.write",
  "users.manage",
  "apiKeys.manage",
  "audit.read",
  "cases.ingest",
  "cases.read",
  "returns.read",
  "returns.write",
  "returns.review",
  "indicators.read",
  "whatIf.run",
  "schemes.read",
  "schemes.write",
  "surveys.write",
  "surveyResponses.assisted",
  "surveyResponses.batch",
  "surveyStats.read",
  "surveyComments.read",
  "dataQuality.read",
  "exports.read",
  "reports.read",
  "reports.write",
  "reports.publish",
  "jobs.read",
  "appeals.read",
  "appeals.file",
  "appeals.decide",
  "attachments.write",
  "attachments.read",
  "periods.read",
  "periods.close",
  "periods.reopen",
  "rectifications.read",
  "rectifications.open",
  "rectifications.work",
  "rectifications.decide",
  "assessments.read",
  "assessments.write",
  "assessments.reopen",
  "surveyFlags.read",
  "surveyFlags.decide",
] as const;
export type Action = (typeof ACTIONS)[number];

/** Platform integrations authenticate with API keys; a key's only role is ingest. */
export type PrincipalRole = Role | "platform";

const READ_RESULTS: Action[] = [
  "orgUnits.read",
  "indicators.read",
  "schemes.read",
  "surveyStats.read",
  "dataQuality.read",
  "returns.read",
  "reports.read",
  "jobs.read",
  "periods.read",
];

/** The role × action table. Reading it top to bottom is reading the access policy. */
export const PERMISSIONS: Readonly<Record<PrincipalRole, ReadonlySet<Action>>> = {
  // Everything but filing appeals: a unit's leader or clerk files them (CYCLE.md); an
  // administrator decides them, never asks.
  admin: new Set(ACTIONS.filter((a) => a !== "appeals.file")),
  leader: new Set<Action>([
    ...READ_RESULTS,
    "surveyComments.read",
    "exports.read",
    "reports.write",
    "reports.publish",
    "cases.read",
    // A street leader (or above) approves or sends back its communities' returns (CYCLE.md).
    "returns.review",
    "appeals.read",
    "appeals.file",
    "appeals.decide",
    "attachments.write",
    "attachments.read",
    "rectifications.read",
    "rectifications.open",
    "rectifications.work",
    "rectifications.decide",
    "assessments.read",
  ]),
  assessor: new Set<Action>([
    ...READ_RESULTS,
    "whatIf.run",
    "surveyResponses.assisted",
    "surveyResponses.batch",
    "exports.read",
    "reports.write",
    "reports.publish",
    "cases.read",
    "appeals.read",
    "appeals.decide",
    "attachments.read",
    "rectifications.read",
    "rectifications.open",
    "rectifications.decide",
    "assessments.read",
    "assessments.write",
    "surveyFlags.read",
    "surveyFlags.decide",
  ]),
  clerk: new Set<Action>([
    "orgUnits.read",
    "indicators.read",
    "dataQuality.read",
    "returns.read",
    "returns.write",
    "cases.ingest",
    "surveyResponses.assisted",
    "jobs.read",
    "appeals.read",
    "appeals.file",
    "attachments.write",
    "attachments.read",
    "periods.read",
    "rectifications.read",
    "rectifications.work",
  ]),
  // A volunteer (代办员) helps residents fill in the survey at a service point or on a visit:
  // assisted entry for the units of its scope (the route checks the scope), and no reading of
  // results, stored data or anyone else's work (issue 22).
  volunteer: new Set<Action>(["surveyResponses.assisted"]),
  // A platform key pushes data and reads nothing stored (issue 16): not the org tree (a
  // platform sends the codes it already has; an unknown or out-of-scope code is named in the
  // rejection), not the returns template (it embeds stored figures), not results. `jobs.read`
  // stays so that it can follow its own large imports: routes/jobs shows a key only the jobs
  // it started.
  platform: new Set<Action>(["cases.ingest", "returns.write", "jobs.read"]),
};

export function can(role: PrincipalRole, action: Action): boolean {
  return PERMISSIONS[role].has(action);
}
