import { Readable } from "node:stream";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { decodeText, isUtf8 } from "./decode.ts";

async function decode(chunks: Buffer[]) {
  const d = decodeText();
  let text = "";
  for await (const s of Readable.from(chunks).pipe(d)) text += s;
  return { text, encoding: d.encoding() };
}

/** Splits a buffer into chunks of `size` bytes, cutting through multi-byte characters. */
const split = (b: Buffer, size: number) =>
  Array.from({ length: Math.ceil(b.length / size) }, (_, i) =>
    b.subarray(i * size, (i + 1) * size),
  );

describe("decodeText", () => {
  const chinese = "来源,工单编号,类型\n12345,A-1,诉求\n12345,A-2,事件\n";

  it("reads UTF-8 with and without a BOM, across chunk boundaries", async () => {
    const plain = Buffer.from(chinese, "utf8");
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), plain]);
    for (const [bytes, size] of [
      [plain, 1],
      [plain, 7],
      [bom, 1],
      [bom, 2],
      [bom, 1000],
    ] as const) {
      expect(await decode(split(bytes, size))).toEqual({ text: chinese, encoding: "utf-8" });
    }
  });

  it("reads GB18030 (Chinese Excel's CSV), across chunk boundaries", async () => {
    const gb = iconv.encode(chinese, "gb18030");
    expect(isUtf8(gb)).toBe(false);
    for (const size of [1, 3, 5000]) {
      expect(await decode(split(gb, size))).toEqual({ text: chinese, encoding: "gb18030" });
    }
  });

  it("switches to GB18030 after a long ASCII prefix", async () => {
    const ascii = `source,externalId,kind\n${"12345,A,appeal\n".repeat(2000)}`;
    const gb = iconv.encode(`${ascii}12345,B,诉求\n`, "gb18030");
    expect(await decode(split(gb, 4096))).toEqual({
      text: `${ascii}12345,B,诉求\n`,
      encoding: "gb18030",
    });
  });

  it("leaves pure ASCII undecided and reads UTF-16 with a BOM", async () => {
    expect(await decode([Buffer.from("a,b\n1,2\n")])).toEqual({
      text: "a,b\n1,2\n",
      encoding: null,
    });
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(chinese, "utf16le")]);
    expect(await decode(split(utf16, 3))).toEqual({ text: chinese, encoding: "utf-16le" });
    expect(await decode([])).toEqual({ text: "", encoding: null });
  });
});

describe("isUtf8", () => {
  it("accepts well-formed text and an open tail only when asked", () => {
    const b = Buffer.from("一二", "utf8");
    expect(isUtf8(b)).toBe(true);
    expect(isUtf8(b.subarray(0, 4))).toBe(false);
    expect(isUtf8(b.subarray(0, 4), true)).toBe(true);
    expect(isUtf8(Buffer.from([0xc0, 0x80]))).toBe(false); // overlong
    expect(isUtf8(Buffer.from([0xed, 0xa0, 0x80]))).toBe(false); // surrogate
  });
});
