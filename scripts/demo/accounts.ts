/** The demo's log-in accounts, one per role, all with the same published password. */
import bcrypt from "bcryptjs";
import type { Kysely } from "kysely";
import { insertUser } from "../../api/access/users/queries.ts";
import type { DB } from "../../api/db/database.ts";
import type { Role } from "../../api/db/tables/user.ts";
import { existingUsernames } from "./queries.ts";

/** The password of every demo account. A demo instance is not a production instance. */
export const DEMO_PASSWORD = "demo-369";

export interface DemoAccount {
  username: string;
  role: Role;
  /** Code of the unit whose subtree the account sees; null for the whole tree. */
  orgUnit: string | null;
  description: string;
}

/**
 * The accounts for a tree whose top unit is `rootCode` (the district, or the city at city scale:
 * the leading group and the assessor see the whole area).
 */
export function demoAccounts(rootCode: string, firstStreetCode: string): DemoAccount[] {
  return [
    {
      username: "admin",
      role: "admin",
      orgUnit: null,
      description: "系统管理员 administrator, whole tree",
    },
    {
      username: "leader",
      role: "leader",
      orgUnit: rootCode,
      description: "领导小组 leading group, whole area",
    },
    {
      username: "street-leader",
      role: "leader",
      orgUnit: firstStreetCode,
      description: "街道负责人 street leader, first street",
    },
    {
      username: "assessor",
      role: "assessor",
      orgUnit: rootCode,
      description: "第三方评估 third-party assessor, whole area",
    },
    {
      username: "clerk",
      role: "clerk",
      orgUnit: firstStreetCode,
      description: "数据填报员 data clerk, first street",
    },
  ];
}

/**
 * Creates the accounts whose usernames are free and returns those it created; an existing
 * `admin` (say from ADMIN_PASSWORD) is left alone. One bcrypt hash (cost 10) serves them all:
 * they share the password, and each hash costs ~70 ms.
 */
export async function createDemoAccounts(
  db: Kysely<DB>,
  accounts: readonly DemoAccount[],
  unitIds: ReadonlyMap<string, number>,
): Promise<DemoAccount[]> {
  const taken = await existingUsernames(
    db,
    accounts.map((a) => a.username),
  );
  const fresh = accounts.filter((a) => !taken.has(a.username));
  if (fresh.length === 0) return [];
  const passwordHash = await bcrypt.hash(DEMO_PASSWORD, 10);
  const created: DemoAccount[] = [];
  for (const a of fresh) {
    const orgUnitId = a.orgUnit === null ? null : (unitIds.get(a.orgUnit) ?? null);
    const id = await insertUser(db, {
      username: a.username,
      displayName: a.description.split(" ")[0] ?? null,
      passwordHash,
      role: a.role,
      orgUnitId,
    });
    if (id !== 0) created.push(a);
  }
  return created;
}
