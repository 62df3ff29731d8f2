/**
 * Strict JSON over UTF-8 bytes, for readers that walk a body themselves (batch-body.ts): a
 * position, whitespace, and checked skipping of any value. Anything not valid JSON, or nested
 * deeper than MAX_DEPTH, throws FALLBACK: the caller then hands the body to `JSON.parse`.
 */

import { MAX_JSON_DEPTH } from "../../http/input-rules.ts";

/** Thrown inside the scanner: leave the whole body to the reference reading. */
export const FALLBACK = Symbol("fallback");
/**
 * Below the app's limit (http/input-rules.ts), and counted from one level low inside records, so
 * that any body nested past that limit falls back and is refused by the reference reading.
 */
export const MAX_DEPTH = MAX_JSON_DEPTH - 2;

export const QUOTE = 0x22;
export const BACKSLASH = 0x5c;
export const COMMA = 0x2c;
export const COLON = 0x3a;
export const OPEN_BRACE = 0x7b;
export const CLOSE_BRACE = 0x7d;
export const OPEN_BRACKET = 0x5b;
export const CLOSE_BRACKET = 0x5d;

export class JsonCursor {
  protected readonly b: Uint8Array;
  protected readonly n: number;
  protected p = 0;

  constructor(body: Uint8Array) {
    this.b = body;
    this.n = body.length;
  }

  protected literal(word: "null" | "true" | "false") {
    const b = this.b;
    for (let i = 0; i < word.length; i++) {
      if (b[this.p + i] !== word.charCodeAt(i)) throw FALLBACK;
    }
    this.p += word.length;
  }

  /** Any JSON value, checked strictly and skipped. */
  protected skipValue(depth: number) {
    if (depth > MAX_DEPTH) throw FALLBACK;
    const b = this.b;
    const c = b[this.p];
    if (c === QUOTE) this.skipString();
    else if (c === OPEN_BRACE) {
      this.p++;
      this.ws();
      if (b[this.p] === CLOSE_BRACE) {
        this.p++;
        return;
      }
      for (;;) {
        if (b[this.p] !== QUOTE) throw FALLBACK;
        this.skipString();
        this.ws();
        this.expect(COLON);
        this.ws();
        this.skipValue(depth + 1);
        this.ws();
        const d = b[this.p++];
        if (d === CLOSE_BRACE) return;
        if (d !== COMMA) throw FALLBACK;
        this.ws();
      }
    } else if (c === OPEN_BRACKET) {
      this.p++;
      this.ws();
      if (b[this.p] === CLOSE_BRACKET) {
        this.p++;
        return;
      }
      for (;;) {
        this.skipValue(depth + 1);
        this.ws();
        const d = b[this.p++];
        if (d === CLOSE_BRACKET) return;
        if (d !== COMMA) throw FALLBACK;
        this.ws();
      }
    } else if (c === 0x6e) this.literal("null");
    else if (c === 0x74) this.literal("true");
    else if (c === 0x66) this.literal("false");
    else this.skipNumber();
  }

  protected skipString() {
    const b = this.b;
    this.p++;
    for (;;) {
      const c = b[this.p++];
      if (c === QUOTE) return;
      if (c === undefined || c < 0x20) throw FALLBACK;
      if (c === BACKSLASH) {
        const e = b[this.p++];
        if (e === 0x75) {
          for (let i = 0; i < 4; i++) if (!isHex(b[this.p++])) throw FALLBACK;
        } else if (
          e !== QUOTE &&
          e !== BACKSLASH &&
          e !== 0x2f &&
          e !== 0x62 &&
          e !== 0x66 &&
          e !== 0x6e &&
          e !== 0x72 &&
          e !== 0x74
        ) {
          throw FALLBACK;
        }
      }
    }
  }

  /** `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?` */
  protected skipNumber() {
    const b = this.b;
    if (b[this.p] === 0x2d) this.p++;
    if (b[this.p] === 0x30) this.p++;
    else if (isDigit(b[this.p])) while (isDigit(b[this.p])) this.p++;
    else throw FALLBACK;
    if (b[this.p] === 0x2e) {
      this.p++;
      if (!isDigit(b[this.p])) throw FALLBACK;
      while (isDigit(b[this.p])) this.p++;
    }
    if (b[this.p] === 0x65 || b[this.p] === 0x45) {
      this.p++;
      if (b[this.p] === 0x2b || b[this.p] === 0x2d) this.p++;
      if (!isDigit(b[this.p])) throw FALLBACK;
      while (isDigit(b[this.p])) this.p++;
    }
  }

  protected ws() {
    const b = this.b;
    let c = b[this.p];
    while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = b[++this.p];
  }

  protected expect(byte: number) {
    if (this.b[this.p] !== byte) throw FALLBACK;
    this.p++;
  }
}

const isDigit = (c: number | undefined) => c !== undefined && c >= 0x30 && c <= 0x39;
const isHex = (c: number | undefined) =>
  c !== undefined &&
  ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66));
