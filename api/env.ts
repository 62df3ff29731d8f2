import type { Context } from "hono";
import type { Action } from "./access/permissions.ts";
import type { Principal } from "./access/principal.ts";
import type { ScannedBatch } from "./cases/scanned-batch.ts";
import type { Config } from "./config.ts";
import type { Store } from "./db/client.ts";
import type { Logger } from "./logger.ts";

/** What `createApp` is wired with; Node and the Worker each build one. */
export interface AppDeps {
  store: Store;
  config: Config;
  logger: Logger;
  /** The client's address as the runtime sees it (socket on Node, `cf-connecting-ip` on Workers). */
  clientIp: (c: Context) => string | null;
  /** Serves a static vendor asset (docs page scripts); absent where the runtime has none. */
  readAsset?: (name: string) => Promise<Uint8Array | null>;
  /** Serves a built browser bundle from dist/web (survey pages); absent where none was built. */
  readWebAsset?: (name: string) => Promise<Uint8Array | null>;
  /**
   * Reads a POST /cases/batch body off the main thread (Node: cases/scan-threads.ts); absent:
   * read where it arrives (`readCaseBatch`). Either way the answer is the same.
   */
  scanBatch?: (body: Uint8Array, nowMs: number) => Promise<ScannedBatch | null>;
  /**
   * Compares a sign-in password with a stored hash; absent: bcrypt. Tests wrap it to count the
   * checks a burst of sign-ins gets.
   */
  verifyPassword?: (password: string, hash: string) => Promise<boolean>;
  /**
   * The current time for deadline rules (the appeals window); absent: the system clock. Tests
   * set it to a day of their fixture's quarter.
   */
  now?: () => Date;
}

/** The Hono environment every route and middleware shares. */
export interface AppEnv {
  Variables: {
    requestId: string;
    deps: AppDeps;
    principal: Principal | null;
    /** The action the matched route requires; named in the audit log. */
    action: Action | "auth.login" | "auth.logout" | null;
    /** What a write touched, for the audit log (`org-units: 3101,3102`). */
    auditTarget: string | null;
    auditDetail: unknown;
  };
}
