import { describe, expect, it } from "vitest";
import { clientHash, maskPersonalNumbers } from "./privacy.ts";

describe("maskPersonalNumbers", () => {
  it.each([
    ["13812345678", "138****5678"],
    ["电话：15900001111，谢谢", "电话：159****1111，谢谢"],
    ["+86 138-1234-5678", "+86 138****5678"],
    ["8613812345678", "86138****5678"], // with the country code written without +
    ["138 1234 5678", "138****5678"],
    ["12812345678", "12812345678"], // 12x is not a mobile prefix
    ["110101199003071234", "110101********1234"],
    ["身份证号11010119900307123X。", "身份证号110101********123X。"],
    ["11010119900307123x", "110101********123x"],
    ["1101011990030712345", "1101011990030712345"], // 19 digits: neither
    ["门牌 2026 号，12 楼", "门牌 2026 号，12 楼"],
    ["两个：13812345678、13987654321", "两个：138****5678、139****4321"],
    ["", ""],
  ])("%s → %s", (input, expected) => {
    expect(maskPersonalNumbers(input)).toBe(expected);
  });
});

describe("clientHash", () => {
  it("is a salted HMAC: stable for one salt, different across salts, never the address", async () => {
    const a = await clientHash("salt-salt-salt-salt", "203.0.113.9", "Phone/1");
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(await clientHash("salt-salt-salt-salt", "203.0.113.9", "Phone/1")).toBe(a);
    expect(await clientHash("other-salt-other-salt", "203.0.113.9", "Phone/1")).not.toBe(a);
    expect(await clientHash("salt-salt-salt-salt", "203.0.113.9", "Phone/2")).not.toBe(a);
    expect(await clientHash("salt-salt-salt-salt", null, null)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("clientHash is HMAC-SHA-256", () => {
  it("matches WebCrypto's HMAC of ip, newline, user agent", async () => {
    const key = await crypto.subtle.importKey(
      "raw",
      new TextEncoder().encode("salt-salt-salt-salt"),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign"],
    );
    const mac = await crypto.subtle.sign(
      "HMAC",
      key,
      new TextEncoder().encode("203.0.113.9\nPhone/1"),
    );
    const hex = Array.from(new Uint8Array(mac), (b) => b.toString(16).padStart(2, "0")).join("");
    expect(await clientHash("salt-salt-salt-salt", "203.0.113.9", "Phone/1")).toBe(hex);
  });
});
