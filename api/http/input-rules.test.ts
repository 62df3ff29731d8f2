import { describe, expect, it } from "vitest";
import { hostileValue, MAX_JSON_DEPTH, textFault } from "./input-rules.ts";

const nested = (depth: number): unknown => {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = [v];
  return v;
};

describe("textFault", () => {
  it.each([
    ["plain Chinese", "社区服务很好", false],
    ["an emoji (a surrogate pair)", "好👍", false],
    ["empty", "", false],
    ["NUL", "a\u0000b", true],
    ["a lone high surrogate", "a\ud800", true],
    ["a lone low surrogate", "\udc00a", true],
    ["a pair in the wrong order", "\udc00\ud800", true],
  ])("%s → refused: %s", (_, text, refused) => {
    const fault = textFault(text);
    expect(fault !== null).toBe(refused);
    if (fault) expect(fault).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe("hostileValue", () => {
  it("passes ordinary JSON, and arrays and objects exactly MAX_JSON_DEPTH deep", () => {
    expect(hostileValue({ a: [1, "好", null, true, { b: -1e308 }] }, "body")).toBeNull();
    expect(hostileValue(nested(MAX_JSON_DEPTH), "body")).toBeNull();
  });

  it("names the first bad value by its path, keys included", () => {
    expect(hostileValue({ a: [1, "x\u0000"] }, "body")).toEqual({
      path: "body.a.1",
      message: expect.stringContaining("NUL"),
    });
    expect(hostileValue({ ok: 1, n: Number.POSITIVE_INFINITY }, "body")?.path).toBe("body.n");
    expect(hostileValue([Number.NaN], "")?.path).toBe("0");
    expect(hostileValue("\ud800", "")?.path).toBe("(root)");
    expect(hostileValue({ a: { "k\u0000": 1 } }, "query")).toEqual({
      path: "query.a.k\ufffd",
      message: expect.stringMatching(/^字段名/),
    });
  });

  it("refuses nesting past MAX_JSON_DEPTH where it starts, even a million deep (no recursion)", () => {
    const deep = hostileValue({ x: nested(1_000_000) }, "body");
    expect(deep?.path).toBe(`body.x${".0".repeat(MAX_JSON_DEPTH - 1)}`);
    expect(hostileValue(nested(MAX_JSON_DEPTH + 1), "")?.message).toContain(String(MAX_JSON_DEPTH));
  });

  it("checks an uploaded file's name, not its bytes", () => {
    expect(hostileValue({ file: new File(["\u0000"], "a.csv") }, "form")).toBeNull();
    expect(hostileValue({ file: new File(["x"], "a\u0000.csv") }, "form")?.path).toBe("form.file");
  });

  it("with depthOnly, checks the nesting alone", () => {
    expect(hostileValue({ a: "x\u0000", n: Number.NaN }, "body", { depthOnly: true })).toBeNull();
    expect(hostileValue({ a: nested(100) }, "body", { depthOnly: true })?.path).toMatch(/^body\.a/);
  });
});
