import type { ColumnType, Generated, Selectable } from "kysely";

/** `volunteer` (代办员): enters assisted survey responses for the units of its scope, nothing else. */
export type Role = "admin" | "leader" | "assessor" | "clerk" | "volunteer";
export const ROLES: readonly Role[] = ["admin", "leader", "assessor", "clerk", "volunteer"];

export interface AppUserTable {
  id: Generated<number>;
  username: string;
  display_name: string | null;
  password_hash: string;
  role: Role;
  org_unit_id: number | null;
  disabled: Generated<boolean>;
  created_at: ColumnType<Date, Date | undefined, never>;
}
export type AppUser = Selectable<AppUserTable>;

/** Consecutive failed sign-ins of one account from one client address (migration …_create_login_throttle). */
export interface LoginThrottleTable {
  user_id: number;
  client: string;
  failures: number;
  locked_until: Date | null;
  updated_at: Generated<Date>;
}

export interface SessionTable {
  token_hash: string;
  user_id: number;
  created_at: ColumnType<Date, Date | undefined, never>;
  expires_at: Date;
  revoked_at: Date | null;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiKeyTable {
  id: Generated<number>;
  name: string;
  key_hash: string;
  prefix: string;
  org_unit_id: number | null;
  created_by: number | null;
  created_at: ColumnType<Date, Date | undefined, never>;
  last_used_at: Date | null;
  revoked_at: Date | null;
}
