import { describe, expect, it } from "vitest";
import { safeNext } from "./safe-next.ts";

const ORIGIN = "http://127.0.0.1:8787";

/** Same-site paths, kept (normalised as a URL parser would). */
const KEPT: [string, string][] = [
  ["/", "/"],
  ["/dashboard", "/dashboard"],
  ["/dashboard/3101?period=2026Q3", "/dashboard/3101?period=2026Q3"],
  [
    "/dashboard/3101/red-items?period=2026Q3&charts=0",
    "/dashboard/3101/red-items?period=2026Q3&charts=0",
  ],
  ["/dashboard/3101#ranking", "/dashboard/3101#ranking"],
  ["/dashboard/a/../b", "/dashboard/b"],
  ["/s/satisfaction/C11?next=%2Fdashboard", "/s/satisfaction/C11?next=%2Fdashboard"],
  ["/报表", "/%E6%8A%A5%E8%A1%A8"],
];

/** Everything that could leave the site, or that is not a path at all: all fall back to `/`. */
const REFUSED: string[] = [
  "",
  "dashboard",
  "https://evil.example/",
  "http:evil.example",
  "HTTPS://evil.example",
  "javascript:alert(1)",
  "JaVaScRiPt:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "//evil.example",
  "//evil.example/path",
  "///evil.example",
  "/\\evil.example",
  "\\\\evil.example",
  "\\/evil.example",
  "/\t/evil.example",
  "/\n/evil.example",
  "/\r/evil.example",
  "/\r\n/evil.example",
  "/\u0000/evil.example",
  "\t//evil.example",
  " //evil.example",
  "/%2F/evil.example",
  "/%2f%2fevil.example",
  "%2F%2Fevil.example",
  "/%5Cevil.example",
  "/%5cevil.example",
  "/%09/evil.example",
  "/%0A/evil.example",
  "/%0d%0a/evil.example",
  "/%252F/evil.example",
  "/%25252F/evil.example",
  "/%2525252525252F/evil.example",
  "/.//evil.example",
  "/..//evil.example",
  "/%2e%2e//evil.example",
  "/%2E/%2Fevil.example",
  "/%2E%2E%2F%2Fevil.example",
  "/x/%2e%2e%2f%2fevil.example",
  "/dashboard/..//evil.example",
  "/dashboard?x=%",
  "/dashboard\\..\\..\\evil",
];

describe("safeNext", () => {
  it.each(KEPT)("keeps %j as %j", (next, expected) => {
    expect(safeNext(next)).toBe(expected);
  });

  it.each(REFUSED.map((n) => [n]))("refuses %j", (next) => {
    expect(safeNext(next)).toBe("/");
  });

  it("refuses a missing next and one longer than any page path", () => {
    expect(safeNext(undefined)).toBe("/");
    expect(safeNext(null)).toBe("/");
    expect(safeNext(`/${"a".repeat(3000)}`)).toBe("/");
  });

  it.each([...KEPT.map(([n]) => n), ...REFUSED].map((n) => [n]))(
    "what it returns for %j stays on the site by the URL parser's reading",
    (next) => {
      const target = new URL(safeNext(next), ORIGIN);
      expect(target.origin).toBe(ORIGIN);
      expect(target.pathname).not.toMatch(/^\/[/\\]/);
      // And once more, as a browser would resolve the result against the page it is on.
      expect(new URL(safeNext(next), `${ORIGIN}/login?next=x`).origin).toBe(ORIGIN);
    },
  );
});
