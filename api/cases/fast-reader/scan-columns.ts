import { Buffer } from "node:buffer";
import { ENUMS, INTS, TEXT_FIELDS, TIMES } from "../contract/layout.ts";
import type { ScannedCases } from "./scanned.ts";

const decoder = new TextDecoder();

type Latin1 = (buf: Buffer, start: number, end: number) => string;
/** Node's own latin1 slice when there is one (it skips toString's argument handling). */
const latin1: Latin1 =
  typeof (Buffer.prototype as { latin1Slice?: unknown }).latin1Slice === "function"
    ? (buf, start, end) =>
        (buf as unknown as { latin1Slice(s: number, e: number): string }).latin1Slice(start, end)
    : (buf, start, end) => buf.toString("latin1", start, end);

/**
 * The string of a value's bytes `buf[start, end)`: ASCII bytes are their own characters;
 * anything else is decoded as the reference decodes the whole body (invalid UTF-8 → U+FFFD; a
 * value's bytes end at an ASCII quote, so no sequence spans its end).
 */
export function textOf(buf: Buffer, start: number, end: number, ascii: boolean): string {
  return ascii ? latin1(buf, start, end) : decoder.decode(buf.subarray(start, end));
}

/**
 * The records a scan keeps (batch-scanner.ts), in columns grown by doubling, and the strings
 * their repeated values index: each distinct source, unit code or category of a body becomes a
 * string once (`intern`), so a record costs one string, its externalId.
 */
export class ScanColumns {
  size = 0;
  /** Per text field: interned indexes (a field that repeats) or strings. */
  readonly texts: (Int32Array | (string | null)[])[] = TEXT_FIELDS.map((f) =>
    f.repeats ? new Int32Array(1024) : [],
  );
  unit = new Int32Array(1024);
  enums = new Uint8Array(1024 * ENUMS);
  flags = new Uint8Array(1024);
  times = new Float64Array(1024 * TIMES);
  ints = new Float64Array(1024 * INTS);
  position = new Int32Array(1024);
  /**
   * Interned values: the strings, and per string the bytes it was first read from and their
   * hash; `table` is an open-addressing index of them (-1: empty).
   */
  readonly strings: string[] = [];
  private readonly stringFrom: number[] = [];
  private readonly stringTo: number[] = [];
  private readonly stringHash: number[] = [];
  private table = new Int32Array(256).fill(-1);

  constructor(private readonly buf: Buffer) {}

  /** A new slot in the columns (a text field of strings is the caller's to push). */
  grow(): number {
    const j = this.size++;
    if (j < this.position.length) return j;
    const n = this.position.length * 2;
    const more = <T extends Int32Array | Uint8Array | Float64Array>(a: T, size: number): T => {
      const next = new (a.constructor as new (n: number) => T)(size);
      next.set(a);
      return next;
    };
    const texts = this.texts;
    for (let i = 0; i < texts.length; i++) {
      const t = texts[i]!;
      if (t instanceof Int32Array) texts[i] = more(t, n);
    }
    this.unit = more(this.unit, n);
    this.enums = more(this.enums, n * ENUMS);
    this.flags = more(this.flags, n);
    this.times = more(this.times, n * TIMES);
    this.ints = more(this.ints, n * INTS);
    this.position = more(this.position, n);
    return j;
  }

  /**
   * The value of bytes `[start, end)` (`textOf`) as an index into `strings`: the same bytes give
   * the same index, and their string is made once.
   */
  intern(start: number, end: number, ascii: boolean): number {
    const b = this.buf;
    const len = end - start;
    let h = 0x811c9dc5; // FNV-1a
    for (let i = start; i < end; i++) h = Math.imul(h ^ b[i]!, 0x01000193);
    const { strings, stringFrom, stringTo, stringHash } = this;
    let table = this.table;
    let mask = table.length - 1;
    let slot = h & mask;
    for (;;) {
      const ix = table[slot]!;
      if (ix < 0) break;
      if (stringHash[ix] === h && stringTo[ix]! - stringFrom[ix]! === len) {
        const s = stringFrom[ix]!;
        let i = 0;
        while (i < len && b[s + i] === b[start + i]) i++;
        if (i === len) return ix;
      }
      slot = (slot + 1) & mask;
    }
    const ix = strings.length;
    strings.push(textOf(b, start, end, ascii));
    stringFrom.push(start);
    stringTo.push(end);
    stringHash.push(h);
    table[slot] = ix;
    if (strings.length * 2 > table.length) {
      // Keep the table at most half full.
      table = new Int32Array(table.length * 2).fill(-1);
      mask = table.length - 1;
      for (let i = 0; i < strings.length; i++) {
        let at = stringHash[i]! & mask;
        while (table[at]! >= 0) at = (at + 1) & mask;
        table[at] = i;
      }
      this.table = table;
    }
    return ix;
  }

  /** The columns trimmed to the records kept. */
  cases(): ScannedCases {
    const n = this.size;
    return {
      size: n,
      texts: this.texts.map((t) => (t instanceof Int32Array ? t.slice(0, n) : t)),
      unit: this.unit.slice(0, n),
      enums: this.enums.slice(0, n * ENUMS),
      flags: this.flags.slice(0, n),
      times: this.times.slice(0, n * TIMES),
      ints: this.ints.slice(0, n * INTS),
      position: this.position.slice(0, n),
    };
  }
}
