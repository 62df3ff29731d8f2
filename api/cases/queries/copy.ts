import type { BytePool } from "../byte-pool.ts";
import type { CaseBatch } from "../case-batch.ts";
import { CASE_FIELDS } from "../contract/fields.ts";
import { ENUM_FIELDS, ENUMS, INTS, SLOT, TIMES } from "../contract/layout.ts";
import { contentHash } from "./hash.ts";

/**
 * case_record's columns in the order `encodeCases` writes them: the field table's, then the
 * content hash (received_at and updated_at take their defaults).
 */
export const CASE_COPY_COLUMNS: readonly string[] = [
  ...CASE_FIELDS.map((f) => f.column),
  "content_hash",
];

/** The columns `encodeKeys` writes: identity, content hash and the case's slot in its batch. */
export const KEY_COPY_COLUMNS = ["source", "external_id", "content_hash", "slot"] as const;

/** PostgreSQL's epoch (2000-01-01 UTC) in Unix milliseconds: binary timestamps count from it. */
const PG_EPOCH_MS = 946_684_800_000;
const TWO_32 = 4_294_967_296;
const encoder = new TextEncoder();

/**
 * A value as a binary COPY field: its 4-byte length, then its bytes. Enum labels go as text
 * (enum_recv reads the label).
 */
const field = (s: string) => {
  const bytes = encoder.encode(s);
  const out = new Uint8Array(4 + bytes.length);
  new DataView(out.buffer).setInt32(0, bytes.length);
  out.set(bytes, 4);
  return out;
};
/** Per enum field (ENUM_FIELDS), each value's field bytes. */
const LABELS = ENUM_FIELDS.map((f) => f.values.map(field));

/** How `encodeCases` writes each field of the table, in order: the type's op and its slot. */
const TEXT = 0;
const REPEATED = 1;
const UNIT = 2;
const ENUM = 3;
const TIME = 4;
const BOOL = 5;
const INT = 6;
const OPS = Int8Array.from(CASE_FIELDS, (f) => {
  switch (f.type) {
    case "text":
      return f.repeats ? REPEATED : TEXT;
    case "unit":
      return UNIT;
    case "enum":
      return ENUM;
    case "timestamp":
      return TIME;
    case "bool":
      return BOOL;
    case "int":
      return INT;
  }
});
const SLOTS = Int32Array.from(CASE_FIELDS, (f) => SLOT[f.name]);
/** `PGCOPY\n\377\r\n\0`, then no flags and no header extension (two zero int32s). */
const HEADER = new Uint8Array(19);
HEADER.set([0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00]);

/**
 * Writes PostgreSQL's binary COPY format straight into bytes: per row a field count, then each
 * field as a length and its binary value (a NULL is length -1). Nothing is escaped or
 * formatted: text goes as its UTF-8 bytes, an integer or a boolean as itself, a time as
 * microseconds since 2000-01-01 UTC, so what PostgreSQL stores is exactly what was validated
 * and PostgreSQL parses nothing. A 10,000-case batch is one buffer.
 */
class BinaryWriter {
  buf: Uint8Array;
  pos = 0;

  constructor(
    bytes: number,
    private readonly buffers: BytePool,
  ) {
    this.buf = buffers.take(bytes);
    this.bytes(HEADER);
  }

  /** Room for `n` more bytes. */
  room(n: number) {
    if (this.pos + n <= this.buf.length) return;
    const next = this.buffers.take(Math.max(this.buf.length * 2, this.pos + n));
    next.set(this.buf.subarray(0, this.pos));
    this.buffers.give(this.buf);
    this.buf = next;
  }

  /** Ready-made bytes (a label with its length): a few in a loop, which beats `set` there. */
  bytes(b: Uint8Array) {
    const n = b.length;
    this.room(n);
    const buf = this.buf;
    const p = this.pos;
    if (n > 32) buf.set(b, p);
    else for (let i = 0; i < n; i++) buf[p + i] = b[i]!;
    this.pos = p + n;
  }

  int16(v: number) {
    this.room(2);
    this.buf[this.pos++] = (v >>> 8) & 0xff;
    this.buf[this.pos++] = v & 0xff;
  }

  /** A 4-byte big-endian integer at `p` (no room check). */
  private put32(p: number, v: number) {
    const buf = this.buf;
    buf[p] = v >>> 24;
    buf[p + 1] = (v >>> 16) & 0xff;
    buf[p + 2] = (v >>> 8) & 0xff;
    buf[p + 3] = v & 0xff;
  }

  null() {
    this.room(4);
    this.put32(this.pos, -1);
    this.pos += 4;
  }

  int4(v: number) {
    this.room(8);
    this.put32(this.pos, 4);
    this.put32(this.pos + 4, v);
    this.pos += 8;
  }

  /** An int8 given as its high and low 32 bits. */
  int8(hi: number, lo: number) {
    this.room(12);
    this.put32(this.pos, 8);
    this.put32(this.pos + 4, hi);
    this.put32(this.pos + 8, lo);
    this.pos += 12;
  }

  bool(v: boolean) {
    this.room(5);
    this.put32(this.pos, 1);
    this.buf[this.pos + 4] = v ? 1 : 0;
    this.pos += 5;
  }

  /** Epoch milliseconds (whole, between the years 1970 and 2200) as a timestamptz. */
  time(ms: number) {
    // Microseconds since 2000 stay below 2^53: exact in a double, split into two words.
    const us = (ms - PG_EPOCH_MS) * 1000;
    const hi = Math.floor(us / TWO_32);
    this.int8(hi, us - hi * TWO_32);
  }

  /** A text value as UTF-8: ASCII in a plain loop (short strings), anything else through TextEncoder. */
  text(s: string) {
    const n = s.length;
    this.room(4 + n * 3);
    const buf = this.buf;
    const at = this.pos;
    let p = at + 4;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) {
        p = at + 4 + encoder.encodeInto(s, buf.subarray(at + 4)).written;
        break;
      }
      buf[p++] = c;
    }
    this.put32(at, p - at - 4);
    this.pos = p;
  }

  /** Fields already made by `repeated`, by value. */
  private readonly fields = new Map<string, Uint8Array>();

  /**
   * A text value that repeats within the batch (source, category): made into field bytes
   * once, copied after (a Chinese category would otherwise go through TextEncoder each time).
   */
  repeated(s: string) {
    let f = this.fields.get(s);
    if (f === undefined) {
      f = field(s);
      this.fields.set(s, f);
    }
    this.bytes(f);
  }

  end(): Uint8Array {
    this.int16(-1);
    return this.buf.subarray(0, this.pos);
  }
}

/**
 * The cases of `batch` (all slots, or those in `slots`) as binary COPY data for
 * CASE_COPY_COLUMNS, in slot order. `storeCases` builds a whole batch's rows before its
 * transaction starts, so that the transaction (which holds the source's lock) only sends bytes.
 * The bytes are a buffer of `buffers`: give it back once sent.
 */
export function encodeCases(
  batch: CaseBatch,
  buffers: BytePool,
  slots?: readonly number[],
): Uint8Array {
  const rows = slots?.length ?? batch.size;
  const out = new BinaryWriter(64 + rows * 200, buffers);
  const { texts, enums, flags, times, ints } = batch;
  const fields = OPS.length;
  for (let r = 0; r < rows; r++) {
    const j = slots === undefined ? r : slots[r]!;
    out.int16(CASE_COPY_COLUMNS.length);
    for (let k = 0; k < fields; k++) {
      const i = SLOTS[k]!;
      switch (OPS[k]) {
        case TEXT:
        case REPEATED: {
          const s = texts[i]![j];
          if (s === null || s === undefined) out.null();
          else if (OPS[k] === REPEATED) out.repeated(s);
          else out.text(s);
          break;
        }
        case UNIT:
          out.int4(batch.unitId[j]!);
          break;
        case ENUM: {
          const code = enums[j * ENUMS + i]!;
          if (code === 0) out.null();
          else out.bytes(LABELS[i]![code - 1]!);
          break;
        }
        case TIME: {
          const t = times[j * TIMES + i]!;
          if (Number.isNaN(t)) out.null();
          else out.time(t);
          break;
        }
        case BOOL:
          out.bool((flags[j]! & (1 << i)) !== 0);
          break;
        case INT: {
          const v = ints[j * INTS + i]!;
          if (Number.isNaN(v)) out.null();
          else out.int4(v);
          break;
        }
      }
    }
    contentHash(batch, j, hash);
    out.int8(hash[0]!, hash[1]!);
  }
  return out.end();
}

const hash = new Int32Array(2);

/**
 * Each case's identity, content hash (`contentHash`) and slot as binary COPY data for
 * KEY_COPY_COLUMNS: what a re-send is compared by, at a fraction of the whole row's bytes.
 */
export function encodeKeys(batch: CaseBatch, buffers: BytePool): Uint8Array {
  const out = new BinaryWriter(64 + batch.size * 48, buffers);
  for (let j = 0; j < batch.size; j++) {
    out.int16(KEY_COPY_COLUMNS.length);
    out.repeated(batch.source[j]!);
    out.text(batch.externalId[j]!);
    contentHash(batch, j, hash);
    out.int8(hash[0]!, hash[1]!);
    out.int4(j);
  }
  return out.end();
}
