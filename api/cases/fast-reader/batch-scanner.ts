import { Buffer } from "node:buffer";
import { CLOCK_SKEW_MS } from "../contract/timestamp.ts";
import {
  BACKSLASH,
  CLOSE_BRACE,
  CLOSE_BRACKET,
  COLON,
  COMMA,
  FALLBACK,
  OPEN_BRACE,
  OPEN_BRACKET,
  QUOTE,
} from "./json-cursor.ts";
import { keepRecord } from "./record-check.ts";
import { RecordReader } from "./record-reader.ts";
import { ScanColumns } from "./scan-columns.ts";
import type { ScanParts } from "./scanned.ts";

/**
 * The byte reader behind `scanCaseBatch` (batch-body.ts): `{"cases": [ … ]}` read straight from
 * its UTF-8 bytes. Each record is read by RecordReader (record-reader.ts); a plainly valid one
 * is checked by validate.ts's rules (record-check.ts) and kept in ScanColumns; any other record is left to the reference checks (its index goes in `slow`);
 * a body it does not plainly understand throws FALLBACK, and `scanParts` answers null.
 */

/** `scanCaseBatch` as plain data (what a scanning worker thread sends back). */
export function scanParts(body: Uint8Array, nowMs: number): ScanParts | null {
  try {
    return new Scanner(body, nowMs).top();
  } catch (err) {
    if (err === FALLBACK) return null;
    throw err;
  }
}

class Scanner extends RecordReader {
  private readonly buf: Buffer;
  private readonly latestMs: number;
  private readonly slow: number[] = [];
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  /** The records kept. */
  private readonly kept: ScanColumns;

  constructor(body: Uint8Array, nowMs: number) {
    super(body);
    this.buf = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
    this.kept = new ScanColumns(this.buf);
    this.latestMs = nowMs + CLOCK_SKEW_MS;
  }

  top(): ScanParts {
    const b = this.b;
    if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) this.p = 3;
    this.ws();
    this.expect(OPEN_BRACE);
    this.ws();
    let seen = false;
    if (b[this.p] !== CLOSE_BRACE) {
      for (;;) {
        const isCases = this.topKey();
        this.ws();
        this.expect(COLON);
        this.ws();
        if (isCases) {
          if (seen || b[this.p] !== OPEN_BRACKET) throw FALLBACK;
          seen = true;
          this.cases();
        } else this.skipValue(1);
        this.ws();
        const c = b[this.p++];
        if (c === CLOSE_BRACE) break;
        if (c !== COMMA) throw FALLBACK;
        this.ws();
      }
    } else this.p++;
    this.ws();
    if (this.p !== this.n || !seen) throw FALLBACK;
    return {
      count: this.starts.length,
      strings: this.kept.strings,
      fast: this.kept.cases(),
      slow: this.slow,
      starts: Int32Array.from(this.starts),
      ends: Int32Array.from(this.ends),
    };
  }

  /** A top-level key; true when it is "cases". */
  private topKey(): boolean {
    const b = this.b;
    this.expect(QUOTE);
    const start = this.p;
    for (;;) {
      const c = b[this.p++];
      if (c === undefined || c === BACKSLASH || c < 0x20) throw FALLBACK;
      if (c === QUOTE) break;
    }
    const end = this.p - 1;
    return (
      end - start === 5 &&
      b[start] === 0x63 &&
      b[start + 1] === 0x61 &&
      b[start + 2] === 0x73 &&
      b[start + 3] === 0x65 &&
      b[start + 4] === 0x73
    );
  }

  private cases() {
    const b = this.b;
    this.p++; // [
    this.ws();
    if (b[this.p] === CLOSE_BRACKET) {
      this.p++;
      return;
    }
    for (;;) {
      const start = this.p;
      const k = this.starts.length;
      const read = b[start] === OPEN_BRACE && this.record(k);
      if (!read) {
        this.p = start;
        this.skipValue(1);
      }
      this.starts.push(start);
      this.ends.push(this.p);
      if (!read || !keepRecord(this, this.buf, this.kept, k, this.latestMs)) this.slow.push(k);
      this.ws();
      const c = b[this.p++];
      if (c === CLOSE_BRACKET) return;
      if (c !== COMMA) throw FALLBACK;
      this.ws();
    }
  }
}
