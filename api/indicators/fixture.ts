/**
 * Test support for the engine's caches (not used by the app): events pushed through the real
 * batch endpoint, which moves the data version of their quarter, and the default scheme's G3
 * limit, which is part of every figures key.
 */
import { expect } from "vitest";
import { call } from "../../test/http.ts";
import type { TestEnv } from "../../test/stores.ts";
import { listSchemeVersions } from "../db/queries/schemes.ts";
import { DEFAULT_SCHEME_ID } from "./schemes.ts";

/** A function posting `n` events on C11 reported on 10 May 2026 (2026Q2), unique per call. */
export function eventPusher(env: () => TestEnv, token: () => string, source: string) {
  let seq = 0;
  return async (n: number) => {
    const res = await call(env().baseUrl, "POST", "/api/v1/cases/batch", {
      token: token(),
      json: {
        cases: Array.from({ length: n }, () => ({
          source,
          externalId: `${source}-${++seq}`,
          orgUnit: "C11",
          kind: "event",
          channel: "hotline",
          reportedAt: "2026-05-10T09:00:00+08:00",
        })),
      },
    });
    expect(res.status, res.text).toBe(200);
  };
}

/** G3's response limit in the default scheme (minutes). */
export async function defaultSla(env: TestEnv): Promise<number> {
  const [scheme] = await listSchemeVersions(env.store.db, DEFAULT_SCHEME_ID);
  return (scheme!.definition as { responseSlaMinutes: number }).responseSlaMinutes;
}
