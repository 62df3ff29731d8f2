/** The closing page's view model: each quarter's state and closings (api/periods). */
import type { Kysely } from "kysely";
import { parsePeriod, quarterEnd, quarterOf } from "../../shapes/periods.ts";
import type { PeriodsView } from "../../web/pages/periods.tsx";
import type { Principal } from "../access/principal.ts";
import type { DB } from "../db/database.ts";
import { listClosings } from "../periods/queries.ts";
import { periodStates } from "../periods/states.ts";
import { cycleDaysResolver } from "../schemes/cycle.ts";
import { navFor, PERIODS_PAGE } from "./nav.ts";

export async function buildPeriodsPage(
  db: Kysely<DB>,
  principal: Principal,
  now = new Date(),
): Promise<PeriodsView> {
  const nav = navFor(principal, null, null, null, null);
  nav.links = nav.links.map((l) => ({ ...l, current: l.href === PERIODS_PAGE }));
  const [closings, days] = await Promise.all([listClosings(db), cycleDaysResolver(db)]);
  const states = periodStates(closings, now, (year) => days(year).returnsDueDay);
  return {
    nav,
    returnsDueDay: days(quarterOf(now).year).returnsDueDay,
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
