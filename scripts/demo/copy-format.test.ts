import { describe, expect, it } from "vitest";
import {
  chunkLines,
  copyText,
  escapeCopy,
  formatTimestamp,
  timestampField,
} from "./copy-format.ts";

describe("COPY text format", () => {
  it.each([
    ["plain 文本", "plain 文本"],
    ["tab\there", "tab\\there"],
    ["two\nlines", "two\\nlines"],
    ["cr\rlf", "cr\\rlf"],
    ["back\\slash", "back\\\\slash"],
    ['{"a":"x\\\\y"}', '{"a":"x\\\\\\\\y"}'],
  ])("escapes %j", (input, expected) => {
    expect(escapeCopy(input)).toBe(expected);
  });

  it("writes NULL as \\N", () => {
    expect(copyText(null)).toBe("\\N");
    expect(timestampField(null)).toBe("\\N");
    expect(copyText("\\N")).toBe("\\\\N");
  });

  it("formats instants in UTC to the second", () => {
    expect(formatTimestamp(Date.parse("2026-06-30T16:00:00Z"))).toBe("2026-06-30 16:00:00+00");
    expect(formatTimestamp(Date.parse("2025-01-01T00:00:00Z"))).toBe("2025-01-01 00:00:00+00");
    expect(formatTimestamp(Date.parse("2026-09-30T15:59:59.900Z"))).toBe("2026-09-30 15:59:59+00");
    expect(formatTimestamp(Date.parse("1969-12-31T23:59:59Z"))).toBe("1969-12-31 23:59:59+00");
  });

  it("joins rows into chunks and counts them", async () => {
    const rows = Array.from({ length: 1000 }, (_, i) => `${i}\n`);
    let counted = 0;
    const chunks: string[] = [];
    for await (const c of chunkLines(rows, (n) => (counted += n), 100)) chunks.push(c);
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.join("")).toBe(rows.join(""));
    expect(counted).toBe(1000);
  });
});
