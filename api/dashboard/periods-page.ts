/** The closing page's view model: each quarter's state and closings (api/periods). */
import type { Kysely } from "kysely";
import { parsePeriod, quarterEnd } from "../../shapes/periods.ts";
import type { PeriodsView } from "../../web/pages/periods.tsx";
import type { Principal } from "../access/principal.ts";
import type { DB } from "../db/database.ts";
import { listClosings } from "../periods/queries.ts";
import { RETURNS_DUE_DAY } from "../periods/rules.ts";
import { periodStates } from "../periods/states.ts";
import { navFor, PERIODS_PAGE } from "./nav.ts";

export async function buildPeriodsPage(
  db: Kysely<DB>,
  principal: Principal,
  now = new Date(),
): Promise<PeriodsView> {
  const nav = navFor(principal, null, null, null, null);
  nav.links = nav.links.map((l) => ({ ...l, current: l.href === PERIODS_PAGE }));
  const states = periodStates(await listClosings(db), now);
  return {
    nav,
    returnsDueDay: RETURNS_DUE_DAY,
    periods: states.map((s) => ({
      period: s.period,
      status: s.status,
      ended: s.ended,
      endsAt: quarterEnd(parsePeriod(s.period)!).toISOString(),
      returnsDueAt: s.returnsDueAt,
      version: s.version,
      closings: s.closings.map((c) => ({
        version: c.version,
        closedAt: c.closedAt,
        closedBy: c.closedBy,
        units: c.units,
        reopenedAt: c.reopenedAt,
        reopenedBy: c.reopenedBy,
        reopenReason: c.reopenReason,
      })),
    })),
  };
}
