import { Buffer } from "node:buffer";
import { HTTPException } from "hono/http-exception";
import {
  CaseBatch,
  COMPLAINT,
  DEADLINE,
  FIRST_PASS,
  ONLINE,
  REPORTED,
} from "../../db/queries/case-batch.ts";
import { CALLBACK_VERDICTS, CASE_CHANNELS, CASE_KINDS } from "../../db/tables/case-record.ts";
import { Invalid, zodFieldErrors } from "../../errors.ts";
import { CASE_FIELDS, type CaseFieldName } from "./case-fields.ts";
import {
  BACKSLASH,
  CLOSE_BRACE,
  CLOSE_BRACKET,
  COLON,
  COMMA,
  FALLBACK,
  JsonCursor,
  OPEN_BRACE,
  OPEN_BRACKET,
  QUOTE,
} from "./json-cursor.ts";
import { CaseBatchBody } from "./schema.ts";
import { CLOCK_SKEW_MS, EARLIEST_MS, LATEST_MS, parseCanonicalBytes } from "./validate.ts";

/**
 * Reading the body of POST /cases/batch, `{"cases": [ … ]}` as UTF-8 bytes.
 *
 * The reference reading is the obvious one: decode the bytes, `JSON.parse`, check the envelope,
 * then check each record (validate.ts). On a 10,000-case body that is most of the request's
 * CPU: decoding 3–4 MB of text with Chinese in it, a tree of 10,000 objects and 140,000
 * strings, most of them (timestamps, repeated codes) thrown away right after, and the garbage
 * collection all that costs. `scanCaseBatch` reads the common case straight from the bytes
 * into a `CaseBatch`'s columns: a record whose fields are plainly valid (strings without
 * escapes, timestamps in the canonical shape, enums spelled exactly) is checked here by the
 * same rules as validate.ts and costs a few strings (its identity; category and codes repeat
 * and are reused).
 *
 * It is an optimisation, never a second set of rules: it accepts a record only when the
 * reference would accept it with the same values, and leaves every other record to the
 * reference (`recordAt` gives `JSON.parse` of its own bytes), so every message comes from
 * validate.ts. A body it does not plainly understand (a syntax error, a key with escapes,
 * "cases" twice, deep nesting) is left whole to `referenceCaseBatch`. The differential test
 * (batch-body.test.ts) checks both readings give the same summary on random bodies.
 */

/** The reference reading: malformed JSON → 400, a wrong envelope → 422 naming `body.cases`. */
export function referenceCaseBatch(body: Uint8Array): unknown[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(decoder.decode(body));
  } catch {
    throw new HTTPException(400, { message: "Malformed JSON in request body" });
  }
  const checked = CaseBatchBody.safeParse(parsed);
  if (!checked.success) {
    throw new Invalid("The request did not validate", zodFieldErrors(checked.error, "body"));
  }
  return checked.data.cases;
}

/** A body read by `scanCaseBatch`. */
export interface ScannedBatch {
  /** How many records `cases` holds. */
  count: number;
  /**
   * The records checked here, in record order (`position` = index in `cases`), their org
   * units not yet resolved: `unitId` is 0 and `codes[slot]` names the unit.
   */
  fast: CaseBatch;
  codes: string[];
  /** Indexes of the records left to the reference checks, ascending. */
  slow: number[];
  /** Record `k` as `JSON.parse` gives it. */
  recordAt(k: number): unknown;
}

/** The fast reading; `null` when the body is anything but plainly well-formed. */
export function scanCaseBatch(body: Uint8Array, nowMs: number): ScannedBatch | null {
  try {
    return new Scanner(body, nowMs).top();
  } catch (err) {
    if (err === FALLBACK) return null;
    throw err;
  }
}

const decoder = new TextDecoder();
/** What a field of the record being read holds. */
const ABSENT = 0;
const STRING = 1;
const NULL = 2;
const TRUE = 3;
const FALSE = 4;

const FIELD_NAMES = CASE_FIELDS.map((f) => f.name);
const FIELD_BYTES = FIELD_NAMES.map((name) => Buffer.from(name, "latin1"));
const F = Object.fromEntries(FIELD_NAMES.map((name, i) => [name, i])) as Record<
  CaseFieldName,
  number
>;
/** Field indexes as constants: the hot path reads no object for them. */
const F_SOURCE = F.source!;
const F_EXTERNALID = F.externalId!;
const F_ORGUNIT = F.orgUnit!;
const F_KIND = F.kind!;
const F_CHANNEL = F.channel!;
const F_CATEGORY = F.category!;
const F_REPORTEDAT = F.reportedAt!;
const F_RESPONDEDAT = F.respondedAt!;
const F_RESOLVEDAT = F.resolvedAt!;
const F_DEADLINEAT = F.deadlineAt!;
const F_FIRSTPASS = F.firstPass!;
const F_COMPLAINT = F.complaint!;
const F_ONLINE = F.online!;
const F_CALLBACK = F.callback!;
const MAX_LENGTH = CASE_FIELDS.map((f) => f.maxLength ?? Number.POSITIVE_INFINITY);
const latin1Bytes = (xs: readonly string[]) => xs.map((x) => Buffer.from(x, "latin1"));
const KIND_BYTES = latin1Bytes(CASE_KINDS);
const CHANNEL_BYTES = latin1Bytes(CASE_CHANNELS);
const CALLBACK_BYTES = latin1Bytes(CALLBACK_VERDICTS);
/** Recent values kept per field, and the fields whose values repeat (not externalId). */
const CACHE = 8;
const CACHED = FIELD_NAMES.map(
  (name) => name === "source" || name === "orgUnit" || name === "category",
);
const TIME_FIELDS = [F_REPORTEDAT, F_RESPONDEDAT, F_RESOLVEDAT, F_DEADLINEAT];

type Latin1 = (buf: Buffer, start: number, end: number) => string;
/** Node's own latin1 slice when there is one (it skips toString's argument handling). */
const latin1: Latin1 =
  typeof (Buffer.prototype as { latin1Slice?: unknown }).latin1Slice === "function"
    ? (buf, start, end) =>
        (buf as unknown as { latin1Slice(s: number, e: number): string }).latin1Slice(start, end)
    : (buf, start, end) => buf.toString("latin1", start, end);

class Scanner extends JsonCursor {
  private readonly buf: Buffer;
  private readonly latestMs: number;
  private readonly fast = new CaseBatch(1024);
  private readonly codes: string[] = [];
  private readonly slow: number[] = [];
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  /** The record being read: per field, what it holds and where its string's bytes are. */
  private readonly type = new Uint8Array(FIELD_NAMES.length);
  private readonly from = new Int32Array(FIELD_NAMES.length);
  private readonly to = new Int32Array(FIELD_NAMES.length);
  private readonly ascii = new Uint8Array(FIELD_NAMES.length);
  /** Per field, `CACHE` recent values: where their bytes are, and their strings. */
  private readonly cacheFrom = new Int32Array(FIELD_NAMES.length * CACHE);
  private readonly cacheTo = new Int32Array(FIELD_NAMES.length * CACHE);
  private readonly cacheValue: (string | undefined)[] = new Array(FIELD_NAMES.length * CACHE);
  private readonly cacheNext = new Uint32Array(FIELD_NAMES.length);

  constructor(body: Uint8Array, nowMs: number) {
    super(body);
    this.buf = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
    this.latestMs = nowMs + CLOCK_SKEW_MS;
  }

  top(): ScannedBatch {
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
    const { starts, ends } = this;
    return {
      count: starts.length,
      fast: this.fast,
      codes: this.codes,
      slow: this.slow,
      recordAt: (k) => JSON.parse(decoder.decode(b.subarray(starts[k], ends[k]))),
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
      const read = b[start] === OPEN_BRACE && this.record();
      if (!read) {
        this.p = start;
        this.skipValue(1);
      }
      this.starts.push(start);
      this.ends.push(this.p);
      if (!read || !this.commit(k)) this.slow.push(k);
      this.ws();
      const c = b[this.p++];
      if (c === CLOSE_BRACKET) return;
      if (c !== COMMA) throw FALLBACK;
      this.ws();
    }
  }

  /**
   * One `{…}` record's fields into `type`/`from`/`to` (a repeated key: the last one, as in
   * JSON.parse). False when a value is not plain (an escape, a number, an object): the record
   * goes to the reference checks. The hot loop: the position lives in a local.
   */
  private record(): boolean {
    const b = this.b;
    const { type, from, to, ascii } = this;
    type.fill(ABSENT);
    let keyCount = 0;
    let p = this.p + 1; // {
    let c = b[p];
    while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = b[++p];
    if (c === CLOSE_BRACE) {
      this.p = p + 1;
      return true;
    }
    for (;;) {
      if (b[p] !== QUOTE) throw FALLBACK;
      const keyStart = ++p;
      for (;;) {
        c = b[p++];
        if (c === QUOTE) break;
        if (c === BACKSLASH) return false;
        if (c === undefined || c < 0x20) throw FALLBACK;
      }
      // Senders write keys in one order: try the key the previous record had here first.
      const guess = this.keyOrder[keyCount]!;
      const field =
        guess >= 0 && sameBytes(b, keyStart, p - 1, FIELD_BYTES[guess]!)
          ? guess
          : fieldOf(b, keyStart, p - 1);
      if (keyCount < KEY_SLOTS) this.keyOrder[keyCount++] = field;
      c = b[p];
      while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = b[++p];
      if (c !== COLON) throw FALLBACK;
      c = b[++p];
      while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = b[++p];
      if (field < 0) {
        this.p = p;
        this.skipValue(2);
        p = this.p;
      } else if (c === QUOTE) {
        const start = ++p;
        let high = 0;
        for (;;) {
          c = b[p++];
          if (c === QUOTE) break;
          if (c === BACKSLASH) return false;
          if (c === undefined || c < 0x20) throw FALLBACK;
          high |= c;
        }
        type[field] = STRING;
        from[field] = start;
        to[field] = p - 1;
        ascii[field] = high < 0x80 ? 1 : 0;
      } else {
        this.p = p;
        if (c === 0x6e) {
          this.literal("null");
          type[field] = NULL;
        } else if (c === 0x74) {
          this.literal("true");
          type[field] = TRUE;
        } else if (c === 0x66) {
          this.literal("false");
          type[field] = FALSE;
        } else return false;
        p = this.p;
      }
      c = b[p];
      while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = b[++p];
      p++;
      if (c === CLOSE_BRACE) {
        this.p = p;
        return true;
      }
      if (c !== COMMA) throw FALLBACK;
      c = b[p];
      while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = b[++p];
    }
  }

  /**
   * Record `k`'s fields, checked by validate.ts's rules, into a new slot of `fast`; false
   * (nothing kept) when any rule fails or the record needs a closer look.
   */
  private commit(k: number): boolean {
    const { type, from, to, b } = this;
    // Required strings (an empty one is missing), enums spelled exactly, booleans or nothing.
    for (const f of REQUIRED) {
      if (type[f] !== STRING || to[f] === from[f]) return false;
    }
    const kind = enumOf(b, from[F_KIND]!, to[F_KIND]!, KIND_BYTES);
    const channel = enumOf(b, from[F_CHANNEL]!, to[F_CHANNEL]!, CHANNEL_BYTES);
    if (kind < 0 || channel < 0) return false;
    let callback = 0;
    const cbType = type[F_CALLBACK];
    if (cbType === STRING && to[F_CALLBACK] !== from[F_CALLBACK]) {
      callback = enumOf(b, from[F_CALLBACK]!, to[F_CALLBACK]!, CALLBACK_BYTES) + 1;
      if (callback === 0) return false;
    } else if (cbType !== ABSENT && cbType !== NULL && cbType !== STRING) return false;
    const fp = type[F_FIRSTPASS]!;
    const cp = type[F_COMPLAINT]!;
    const ol = type[F_ONLINE]!;
    // Each flag: true, false, null or absent (a string or other value: the reference decides).
    if (fp === STRING || cp === STRING || ol === STRING) return false;
    const flags =
      (fp === TRUE ? FIRST_PASS : 0) | (cp === TRUE ? COMPLAINT : 0) | (ol === TRUE ? ONLINE : 0);
    const times = this.timesScratch;
    for (let i = 0; i < 4; i++) {
      const f = TIME_FIELDS[i]!;
      const t = type[f];
      if (t === ABSENT || t === NULL || (t === STRING && to[f] === from[f])) {
        times[i] = Number.NaN; // reportedAt cannot get here: checked above
        continue;
      }
      if (t !== STRING || !this.ascii[f]) return false;
      const ms = parseCanonicalBytes(b, from[f]!, to[f]!);
      if (ms < EARLIEST_MS) return false; // also -1: not the canonical shape
      if (i === DEADLINE ? ms >= LATEST_MS : ms > this.latestMs) return false;
      times[i] = ms;
    }
    const reported = times[REPORTED]!;
    if (times[1]! < reported || times[2]! < reported) return false; // NaN compares false
    let category: string | null = null;
    const catType = type[F_CATEGORY];
    if (catType === STRING && to[F_CATEGORY] !== from[F_CATEGORY]) {
      category = this.text(F_CATEGORY);
      if (category === null) return false;
    } else if (catType !== ABSENT && catType !== NULL && catType !== STRING) return false;
    const source = this.text(F_SOURCE);
    const externalId = this.text(F_EXTERNALID);
    const code = this.text(F_ORGUNIT);
    if (source === null || externalId === null || code === null) return false;

    const fast = this.fast;
    const j = fast.grow();
    fast.source.push(source);
    fast.externalId.push(externalId);
    fast.category.push(category);
    this.codes.push(code);
    fast.unitId[j] = 0;
    fast.kind[j] = kind;
    fast.channel[j] = channel;
    fast.callback[j] = callback;
    fast.flags[j] = flags;
    const t = fast.times;
    t[j * 4] = times[0]!;
    t[j * 4 + 1] = times[1]!;
    t[j * 4 + 2] = times[2]!;
    t[j * 4 + 3] = times[3]!;
    fast.position[j] = k;
    return true;
  }

  private readonly timesScratch = new Float64Array(4);
  /** The fields of the previous record's first KEY_SLOTS keys, in order (-1: none). */
  private readonly keyOrder = new Int8Array(KEY_SLOTS + 1).fill(-1);

  /**
   * Field `f`'s string (null when longer than the field takes). Bytes that repeat one of the
   * field's last few values give its string again (sources, unit codes and categories repeat).
   * ASCII bytes are their own characters; anything else is decoded as the reference decodes
   * the whole body (invalid UTF-8 → U+FFFD; a value's bytes end at an ASCII quote, so no
   * sequence spans its end). Length counts UTF-16 units, as validate.ts's does; a value
   * without escapes has no NUL and no lone surrogate.
   */
  private text(f: number): string | null {
    const b = this.b;
    const start = this.from[f]!;
    const end = this.to[f]!;
    const len = end - start;
    const base = f * CACHE;
    const { cacheFrom, cacheTo, cacheValue } = this;
    const cached = CACHED[f]!;
    for (let e = base; cached && e < base + CACHE; e++) {
      const cs = cacheFrom[e]!;
      if (cacheTo[e]! - cs !== len || cacheValue[e] === undefined) continue;
      let i = 0;
      while (i < len && b[start + i] === b[cs + i]) i++;
      if (i === len) return cacheValue[e]!;
    }
    const value = this.ascii[f]
      ? latin1(this.buf, start, end)
      : decoder.decode(b.subarray(start, end));
    if (value.length > MAX_LENGTH[f]!) return null;
    if (cached) {
      const e = base + (this.cacheNext[f]! % CACHE);
      this.cacheNext[f] = this.cacheNext[f]! + 1;
      cacheFrom[e] = start;
      cacheTo[e] = end;
      cacheValue[e] = value;
    }
    return value;
  }
}

const KEY_SLOTS = 32;

/** Whether `b[start, end)` is exactly `name`. */
function sameBytes(b: Uint8Array, start: number, end: number, name: Uint8Array): boolean {
  const len = end - start;
  if (name.length !== len) return false;
  for (let i = 0; i < len; i++) if (name[i] !== b[start + i]) return false;
  return true;
}

/** The case field a key's bytes name, or -1. */
function fieldOf(b: Uint8Array, start: number, end: number): number {
  return enumOf(b, start, end, FIELD_BYTES);
}

const REQUIRED = CASE_FIELDS.filter((f) => f.required).map((f) => F[f.name]!);

/** Which of `values` the bytes spell exactly, or -1. */
function enumOf(b: Uint8Array, start: number, end: number, values: readonly Uint8Array[]): number {
  for (let v = 0; v < values.length; v++) if (sameBytes(b, start, end, values[v]!)) return v;
  return -1;
}
