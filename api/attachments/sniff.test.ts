import { describe, expect, it } from "vitest";
import { sniffEvidence } from "./sniff.ts";

const bytes = (...parts: (number[] | string)[]) =>
  new Uint8Array(
    parts.flatMap((p) => (typeof p === "string" ? [...p].map((c) => c.charCodeAt(0)) : p)),
  );

describe("sniffEvidence", () => {
  it.each([
    ["PNG", bytes([0x89], "PNG", [0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), "image/png"],
    ["JPEG", bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), "image/jpeg"],
    ["WebP", bytes("RIFF", [1, 2, 3, 4], "WEBPVP8 "), "image/webp"],
    ["GIF89a", bytes("GIF89a", [1, 0]), "image/gif"],
    ["GIF87a", bytes("GIF87a"), "image/gif"],
    ["PDF", bytes("%PDF-1.7\n"), "application/pdf"],
    ["PDF after junk", bytes(" ".repeat(1000), "%PDF-1.4"), "application/pdf"],
  ])("knows %s", (_name, b, mime) => {
    expect(sniffEvidence(b)).toBe(mime);
  });

  it.each([
    ["empty", bytes()],
    ["text named .png", bytes("hello, this is not a picture")],
    ["PNG signature cut short", bytes([0x89], "PNG", [0x0d, 0x0a])],
    ["RIFF but WAVE", bytes("RIFF", [1, 2, 3, 4], "WAVEfmt ")],
    ["PDF marker past 1 KiB", bytes(" ".repeat(1020), "%PDF-1.4")],
    ["ZIP (xlsx)", bytes("PK", [3, 4, 20, 0])],
    ["HTML", bytes("<html><script>alert(1)</script>")],
  ])("refuses %s", (_name, b) => {
    expect(sniffEvidence(b)).toBeNull();
  });
});
