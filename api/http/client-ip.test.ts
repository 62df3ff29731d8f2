import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_PASSWORD, seedSmallWorld } from "../../test/accounts.ts";
import { call } from "../../test/http.ts";
import { openTestEnv, STORE_KINDS, type TestEnv } from "../../test/stores.ts";
import { loadConfig } from "../config.ts";
import { clientAddress, trustedProxies } from "./client-ip.ts";

describe("clientAddress", () => {
  const none = trustedProxies([]);
  const local = trustedProxies(["127.0.0.1"]);
  const chain = trustedProxies(["127.0.0.1", "10.0.0.0/8", "fd00::/8"]);
  const cases: [
    string,
    string | null,
    string | undefined,
    ReturnType<typeof trustedProxies>,
    string | null,
  ][] = [
    ["no header: the socket", "198.51.100.7", undefined, none, "198.51.100.7"],
    ["untrusted peer: its header is ignored", "198.51.100.7", "203.0.113.1", none, "198.51.100.7"],
    ["untrusted peer, trusted list set", "198.51.100.7", "203.0.113.1", local, "198.51.100.7"],
    [
      "forged first entry from a trusted proxy",
      "127.0.0.1",
      "1.1.1.1, 203.0.113.9",
      local,
      "203.0.113.9",
    ],
    [
      "chain of trusted proxies",
      "127.0.0.1",
      "1.1.1.1, 203.0.113.9, 10.1.2.3",
      chain,
      "203.0.113.9",
    ],
    ["IPv6 proxy in a subnet", "fd12::5", "203.0.113.9", chain, "203.0.113.9"],
    ["every hop trusted: the left-most", "127.0.0.1", "10.0.0.2, 10.0.0.1", chain, "10.0.0.2"],
    [
      "malformed entry stops at the proxy that sent it",
      "127.0.0.1",
      "evil, 10.0.0.1",
      chain,
      "10.0.0.1",
    ],
    [
      "malformed right-most entry: the proxy itself",
      "127.0.0.1",
      "203.0.113.9, nonsense",
      local,
      "127.0.0.1",
    ],
    ["port and brackets dropped", "127.0.0.1", "[2001:db8::1]:443", local, "2001:db8::1"],
    ["IPv4 with port", "127.0.0.1", "203.0.113.9:5555", local, "203.0.113.9"],
    ["IPv4-mapped socket address", "::ffff:127.0.0.1", "203.0.113.9", local, "203.0.113.9"],
    ["IPv4-mapped peer as plain IPv4", "::ffff:198.51.100.7", undefined, none, "198.51.100.7"],
    ["no socket (a test's app.request)", null, "203.0.113.9", local, null],
  ];
  it.each(cases)("%s", (_name, socket, header, trusted, expected) => {
    expect(clientAddress(socket, header, trusted)).toBe(expected);
  });

  it("reads TRUSTED_PROXIES as IPs and CIDRs, empty by default, and refuses anything else", () => {
    expect(loadConfig({}).TRUSTED_PROXIES).toEqual([]);
    expect(loadConfig({ TRUSTED_PROXIES: " 127.0.0.1, 10.0.0.0/8 ,::1" }).TRUSTED_PROXIES).toEqual([
      "127.0.0.1",
      "10.0.0.0/8",
      "::1",
    ]);
    expect(() => loadConfig({ TRUSTED_PROXIES: "127.0.0.1,localhost" })).toThrow(/TRUSTED_PROXIES/);
    expect(() => loadConfig({ TRUSTED_PROXIES: "10.0.0.0/33" })).toThrow(/TRUSTED_PROXIES/);
  });
});

/** Survey submissions with a given X-Forwarded-For; the limit is 2 a minute per client. */
async function submitFrom(env: TestEnv, forwardedFor: string) {
  return call(env.baseUrl, "POST", "/api/v1/survey-responses", {
    json: { surveyId: "satisfaction", orgUnit: "C11", answers: { overall: 4 } },
    headers: { "x-forwarded-for": forwardedFor },
  });
}

/** The address the audit log recorded for a refused sign-in sent with `forwardedFor`. */
async function auditedAddress(env: TestEnv, admin: string, forwardedFor: string) {
  const username = `probe-${crypto.randomUUID().slice(0, 8)}`;
  await call(env.baseUrl, "POST", "/api/v1/auth/login", {
    json: { username, password: "wrong-password" },
    headers: { "x-forwarded-for": forwardedFor },
  });
  const log = await call(env.baseUrl, "GET", "/api/v1/audit?limit=20", { token: admin });
  expect(log.status, log.text).toBe(200);
  const entry = log.body.entries.find((e: { target: string | null }) =>
    e.target?.includes(username),
  );
  expect(entry, JSON.stringify(log.body)).toBeDefined();
  return entry.ip as string | null;
}

describe.each(STORE_KINDS)("client addresses on %s", (kind) => {
  describe("with no trusted proxy (the default)", () => {
    let env: TestEnv;
    let admin: string;
    beforeAll(async () => {
      env = await openTestEnv(kind, { ADMIN_PASSWORD, SURVEY_RATE_LIMIT: "2" });
      admin = (await seedSmallWorld(env)).admin;
    });
    afterAll(async () => env?.close());

    it("a forged X-Forwarded-For moves neither the survey rate limit nor the audit log's address", async () => {
      expect((await submitFrom(env, "203.0.113.1")).status).toBe(201);
      expect((await submitFrom(env, "203.0.113.2")).status).toBe(201);
      // A third "client" is the same socket: over the limit.
      expect((await submitFrom(env, "203.0.113.3")).status).toBe(429);
      expect(await auditedAddress(env, admin, "203.0.113.9")).toBe("127.0.0.1");
    });
  });

  describe("with TRUSTED_PROXIES=127.0.0.1", () => {
    let env: TestEnv;
    let admin: string;
    beforeAll(async () => {
      env = await openTestEnv(kind, {
        ADMIN_PASSWORD,
        SURVEY_RATE_LIMIT: "2",
        TRUSTED_PROXIES: "127.0.0.1",
      });
      admin = (await seedSmallWorld(env)).admin;
    });
    afterAll(async () => env?.close());

    it("the proxy's X-Forwarded-For names the client for the rate limit and the audit log", async () => {
      for (const client of ["203.0.113.1", "203.0.113.2", "203.0.113.3"]) {
        expect((await submitFrom(env, client)).status, client).toBe(201);
        expect((await submitFrom(env, client)).status, client).toBe(201);
      }
      expect((await submitFrom(env, "203.0.113.1")).status).toBe(429);
      // The right-most address the proxy appended counts, not what the client wrote before it.
      expect(await auditedAddress(env, admin, "198.51.100.1, 203.0.113.9")).toBe("203.0.113.9");
    });
  });
});
