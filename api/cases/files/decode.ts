import { Transform } from "node:stream";
import iconv from "iconv-lite";

export type TextEncodingName = "utf-8" | "utf-16le" | "gb18030";

/** Bytes looked at after the first non-ASCII byte before choosing between UTF-8 and GB18030. */
const LOOKAHEAD = 4096;

/**
 * True when `bytes` is well-formed UTF-8. With `open` set, a sequence cut off by the end of
 * the buffer counts as well-formed (the rest may come in the next chunk).
 */
export function isUtf8(bytes: Uint8Array, open = false): boolean {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let len: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [len, min] = [2, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [len, min] = [3, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [len, min] = [4, 0x10000];
    else return false;
    if (i + len > n) {
      if (!open) return false;
      for (let j = i + 1; j < n; j++) if ((bytes[j]! & 0xc0) !== 0x80) return false;
      return true;
    }
    let cp = b & (0xff >> (len + 1));
    for (let j = 1; j < len; j++) {
      const c = bytes[i + j]!;
      if ((c & 0xc0) !== 0x80) return false;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
    i += len;
  }
  return true;
}

interface Decoder {
  write(b: Buffer): string;
  end(): string;
}

function decoderFor(name: TextEncodingName): Decoder {
  if (name === "gb18030") {
    const d = iconv.getDecoder("gb18030");
    return { write: (b) => d.write(b), end: () => d.end() ?? "" };
  }
  const d = new TextDecoder(name, { fatal: false, ignoreBOM: true });
  return { write: (b) => d.decode(b, { stream: true }), end: () => d.decode() };
}

/**
 * A stream that turns the bytes of a CSV file into text, choosing the encoding as Chinese Excel
 * users produce it: a UTF-8 or UTF-16 byte-order mark decides; otherwise text that is valid
 * UTF-8 is UTF-8 and anything else is GB18030 (Excel's "CSV" in a Chinese locale). The choice
 * is made at the first non-ASCII byte, looking 4 KiB ahead: ASCII reads the same in both, so an
 * English header followed by GB18030 rows decodes right. Never holds more than one chunk
 * plus the look-ahead. `encoding()` tells what was chosen (null while all was ASCII).
 */
export function decodeText(): Transform & { encoding(): TextEncodingName | null } {
  let chosen: TextEncodingName | null = null;
  let decoder: Decoder | null = null;
  let pending: Buffer = Buffer.alloc(0);
  let started = false;

  const choose = (name: TextEncodingName) => {
    chosen = name;
    decoder = decoderFor(name);
  };

  /** Text that can be emitted now from `buf`; keeps undecided bytes in `pending`. */
  const take = (buf: Buffer, final: boolean): string => {
    if (decoder) return decoder.write(buf);
    let bytes = pending.length > 0 ? Buffer.concat([pending, buf]) : buf;
    pending = Buffer.alloc(0);
    if (!started) {
      if (bytes.length < 3 && !final) {
        pending = bytes;
        return "";
      }
      started = true;
      if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
        choose("utf-8");
        return decoder!.write(bytes.subarray(3));
      }
      if (bytes[0] === 0xff && bytes[1] === 0xfe) {
        choose("utf-16le");
        return decoder!.write(bytes.subarray(2));
      }
    }
    const firstHigh = bytes.findIndex((b: number) => b >= 0x80);
    if (firstHigh < 0) return bytes.toString("latin1");
    const ascii = bytes.subarray(0, firstHigh).toString("latin1");
    bytes = bytes.subarray(firstHigh);
    if (bytes.length < LOOKAHEAD && !final) {
      pending = Buffer.from(bytes);
      return ascii;
    }
    choose(isUtf8(bytes, !final) ? "utf-8" : "gb18030");
    return ascii + decoder!.write(bytes);
  };

  const stream = new Transform({
    readableObjectMode: true,
    transform(chunk: Buffer, _enc, done) {
      const text = take(chunk, false);
      if (text) this.push(text);
      done();
    },
    flush(done) {
      let text = take(Buffer.alloc(0), true);
      if (decoder) text += decoder.end();
      if (text) this.push(text);
      done();
    },
  });
  return Object.assign(stream, { encoding: () => chosen });
}
