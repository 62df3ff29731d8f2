import type { Kysely, Transaction } from "kysely";
import type { DB } from "./database.ts";

type Db = Kysely<DB> | Transaction<DB>;

/** Whole-store counts for the landing page and the start-up banner. */
export async function storeCounts(
  db: Db,
): Promise<{ units: number; cases: number; users: number }> {
  const [units, cases, users] = await Promise.all([
    db
      .selectFrom("org_unit")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("case_record")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("app_user")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow(),
  ]);
  return { units: Number(units.n), cases: Number(cases.n), users: Number(users.n) };
}
