import type { PrincipalRole } from "./permissions.ts";

/**
 * Who is calling: a logged-in user or a platform's API key. `scopeUnitId` is the root of the
 * subtree they may see and change; `null` means the whole tree (a city-wide administrator).
 */
export interface Principal {
  kind: "user" | "api_key";
  id: number;
  name: string;
  role: PrincipalRole;
  scopeUnitId: number | null;
  scopeCode: string | null;
  /** Set for bearer/cookie sessions: the hash that identifies (and revokes) the session. */
  sessionHash?: string;
  via: "bearer" | "cookie";
}

/** How a record names who made it (`user:3`, `api_key:7`): jobs, reports and exports alike. */
export const creatorKey = (p: Principal) => `${p.kind}:${p.id}`;
