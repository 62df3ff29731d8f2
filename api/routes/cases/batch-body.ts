import { Buffer } from "node:buffer";
import { HTTPException } from "hono/http-exception";
import {
  CaseBatch,
  type CaseBatchColumns,
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
 * into columns: a record whose fields are plainly valid (strings without escapes, timestamps
 * in the canonical shape, enums spelled exactly) is checked here by the same rules as
 * validate.ts and costs one string, its externalId (sources, unit codes and categories are
 * interned: each distinct value becomes a string once per body). `scanParts` gives the same
 * as plain data, which is what a scanning thread (scan-pool.ts) sends back.
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

/**
 * The records the scanner checked, in columns, in record order (`position` = index in
 * `cases`). Values that repeat (source, org-unit code, category) are indexes into
 * `ScanParts.strings`, so that a 10,000-case body costs one string per case (its externalId),
 * not four, to make and to send between threads.
 */
export interface ScannedCases
  extends Pick<
    CaseBatchColumns,
    "size" | "externalId" | "kind" | "channel" | "callback" | "flags" | "times" | "position"
  > {
  source: Int32Array;
  unit: Int32Array;
  /** -1: none. */
  category: Int32Array;
}

/** What `scanCaseBatch` reads from a body: plain data, so a worker thread can send it back. */
export interface ScanParts {
  /** How many records `cases` holds. */
  count: number;
  /** The distinct sources, org-unit codes and categories of `fast`. */
  strings: string[];
  fast: ScannedCases;
  /** Indexes of the records left to the reference checks, ascending. */
  slow: number[];
  /** Where each record's bytes start and end in the body. */
  starts: Int32Array;
  ends: Int32Array;
}

/** A body read by `scanCaseBatch`. */
export interface ScannedBatch {
  count: number;
  /**
   * The records checked here as a CaseBatch, their org units not yet resolved: `unitId` is 0
   * and `codes[slot]` names the unit.
   */
  fast: CaseBatch;
  codes: string[];
  /** The distinct values of `codes`. */
  unitCodes: string[];
  slow: number[];
  /** Record `k` as `JSON.parse` gives it. */
  recordAt(k: number): unknown;
}

/** The fast reading; `null` when the body is anything but plainly well-formed. */
export function scanCaseBatch(body: Uint8Array, nowMs: number): ScannedBatch | null {
  const parts = scanParts(body, nowMs);
  return parts === null ? null : scannedBatch(body, parts);
}

/** `scanCaseBatch` as plain data (what a scanning worker thread sends back). */
export function scanParts(body: Uint8Array, nowMs: number): ScanParts | null {
  try {
    return new Scanner(body, nowMs).top();
  } catch (err) {
    if (err === FALLBACK) return null;
    throw err;
  }
}

/** The parts `scanParts` read from `body`, as a ScannedBatch over that body. */
export function scannedBatch(body: Uint8Array, parts: ScanParts): ScannedBatch {
  const { starts, ends, strings, fast: f } = parts;
  const n = f.size;
  const source: string[] = new Array(n);
  const category: (string | null)[] = new Array(n);
  const codes: string[] = new Array(n);
  const unitSeen = new Uint8Array(strings.length);
  const unitCodes: string[] = [];
  for (let j = 0; j < n; j++) {
    source[j] = strings[f.source[j]!]!;
    const c = f.category[j]!;
    category[j] = c < 0 ? null : strings[c]!;
    const u = f.unit[j]!;
    codes[j] = strings[u]!;
    if (unitSeen[u] === 0) {
      unitSeen[u] = 1;
      unitCodes.push(strings[u]!);
    }
  }
  return {
    count: parts.count,
    fast: CaseBatch.fromColumns({
      size: n,
      source,
      externalId: f.externalId,
      category,
      unitId: new Int32Array(n),
      kind: f.kind,
      channel: f.channel,
      callback: f.callback,
      flags: f.flags,
      times: f.times,
      position: f.position,
    }),
    codes,
    unitCodes,
    slow: parts.slow,
    recordAt: (k) => JSON.parse(decoder.decode(body.subarray(starts[k], ends[k]))),
  };
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
const TIME_FIELDS = [F_REPORTEDAT, F_RESPONDEDAT, F_RESOLVEDAT, F_DEADLINEAT];
const IS_TIME = FIELD_NAMES.map((_, f) => TIME_FIELDS.includes(f));

/** Byte classes inside a JSON string: plain ASCII, end, escape, control (invalid), non-ASCII. */
const PLAIN = 0;
const END = 1;
const ESCAPE = 2;
const CONTROL = 3;
const HIGH = 4;
const CLASS = new Uint8Array(256);
for (let c = 0; c < 0x20; c++) CLASS[c] = CONTROL;
for (let c = 0x80; c < 0x100; c++) CLASS[c] = HIGH;
CLASS[QUOTE] = END;
CLASS[BACKSLASH] = ESCAPE;

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
  private readonly slow: number[] = [];
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  /** The records kept, in columns (grown by doubling). */
  private size = 0;
  private readonly externalId: string[] = [];
  private source = new Int32Array(1024);
  private unit = new Int32Array(1024);
  private category = new Int32Array(1024);
  private kind = new Uint8Array(1024);
  private channel = new Uint8Array(1024);
  private callback = new Uint8Array(1024);
  private flags = new Uint8Array(1024);
  private times = new Float64Array(4096);
  private position = new Int32Array(1024);
  /** The record being read: per field, what it holds and where its string's bytes are. */
  private readonly type = new Uint8Array(FIELD_NAMES.length);
  private readonly from = new Int32Array(FIELD_NAMES.length);
  private readonly to = new Int32Array(FIELD_NAMES.length);
  private readonly ascii = new Uint8Array(FIELD_NAMES.length);
  /** A time field read as a canonical timestamp while scanning: for which record, its value. */
  private readonly parsedFor = new Int32Array(FIELD_NAMES.length).fill(-1);
  private readonly parsedMs = new Float64Array(FIELD_NAMES.length);
  /** The fields of the previous record's first KEY_SLOTS keys, in order (-1: none). */
  private readonly keyOrder = new Int8Array(KEY_SLOTS + 1).fill(-1);
  private readonly timesScratch = new Float64Array(4);
  /**
   * Interned values (`intern`): the strings, and per string the bytes it was first read from
   * and their hash; `table` is an open-addressing index of them (-1: empty).
   */
  private readonly strings: string[] = [];
  private readonly stringFrom: number[] = [];
  private readonly stringTo: number[] = [];
  private readonly stringHash: number[] = [];
  private table = new Int32Array(256).fill(-1);

  constructor(body: Uint8Array, nowMs: number) {
    super(body);
    this.buf = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
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
    const n = this.size;
    return {
      count: this.starts.length,
      strings: this.strings,
      fast: {
        size: n,
        externalId: this.externalId,
        source: this.source.slice(0, n),
        unit: this.unit.slice(0, n),
        category: this.category.slice(0, n),
        kind: this.kind.slice(0, n),
        channel: this.channel.slice(0, n),
        callback: this.callback.slice(0, n),
        flags: this.flags.slice(0, n),
        times: this.times.slice(0, n * 4),
        position: this.position.slice(0, n),
      },
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
      if (!read || !this.commit(k)) this.slow.push(k);
      this.ws();
      const c = b[this.p++];
      if (c === CLOSE_BRACKET) return;
      if (c !== COMMA) throw FALLBACK;
      this.ws();
    }
  }

  /**
   * Record `k`'s `{…}` fields into `type`/`from`/`to` (a repeated key: the last one, as in
   * JSON.parse). False when a value is not plain (an escape, a number, an object): the record
   * goes to the reference checks. The hot loop: the position lives in a local, a key is first
   * compared with the one the previous record had in its place (senders write keys in one
   * order), and a time is read as a canonical timestamp where it stands.
   */
  private record(k: number): boolean {
    const b = this.b;
    const { type, from, to, ascii, keyOrder } = this;
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
      p++;
      let field = -1;
      const guess = keyOrder[keyCount]!;
      if (guess >= 0) {
        const name = FIELD_BYTES[guess]!;
        const len = name.length;
        let i = 0;
        while (i < len && b[p + i] === name[i]) i++;
        if (i === len && b[p + len] === QUOTE) {
          field = guess;
          p += len + 1;
        }
      }
      if (field < 0) {
        const keyStart = p;
        for (;;) {
          c = b[p++];
          if (c === QUOTE) break;
          if (c === BACKSLASH) return false;
          if (c === undefined || c < 0x20) throw FALLBACK;
        }
        field = fieldOf(b, keyStart, p - 1);
      }
      if (keyCount < KEY_SLOTS) keyOrder[keyCount++] = field;
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
        type[field] = STRING;
        from[field] = start;
        this.parsedFor[field] = -1;
        let end = -1;
        if (IS_TIME[field]) end = this.timeAt(start, k, field);
        if (end >= 0) {
          p = end + 1;
          ascii[field] = 1;
        } else {
          let high = 0;
          for (;;) {
            const cls = CLASS[b[p++]!];
            if (cls === PLAIN) continue;
            if (cls === END) break;
            if (cls === HIGH) high = 1;
            else if (cls === ESCAPE) return false;
            else throw FALLBACK; // a control byte, or the body's end
          }
          end = p - 1;
          ascii[field] = high === 0 ? 1 : 0;
        }
        to[field] = end;
      } else if (c === 0x6e && b[p + 1] === 0x75 && b[p + 2] === 0x6c && b[p + 3] === 0x6c) {
        type[field] = NULL;
        p += 4;
      } else if (c === 0x74 && b[p + 1] === 0x72 && b[p + 2] === 0x75 && b[p + 3] === 0x65) {
        type[field] = TRUE;
        p += 4;
      } else if (
        c === 0x66 &&
        b[p + 1] === 0x61 &&
        b[p + 2] === 0x6c &&
        b[p + 3] === 0x73 &&
        b[p + 4] === 0x65
      ) {
        type[field] = FALSE;
        p += 5;
      } else if (c === 0x6e || c === 0x74 || c === 0x66) {
        throw FALLBACK; // not a JSON literal
      } else return false;
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
   * A time field's string starting at `start`, read as a canonical timestamp of one of the
   * common lengths (`…:SSZ`, `….fffZ`, `…:SS+08:00`, `….fff+08:00`): the position of its
   * closing quote, with its value kept for `commit`; -1 for anything else, which is then read
   * as any string. A successful parse checked every byte up to that quote, so the quote does
   * end the string.
   */
  private timeAt(start: number, k: number, field: number): number {
    const b = this.b;
    for (const len of CANONICAL_LENGTHS) {
      if (b[start + len] !== QUOTE) continue;
      const ms = parseCanonicalBytes(b, start, start + len);
      if (ms < 0) continue;
      this.parsedFor[field] = k;
      this.parsedMs[field] = ms;
      return start + len;
    }
    return -1;
  }

  /**
   * Record `k`'s fields, checked by validate.ts's rules, into a new slot; false (nothing kept)
   * when any rule fails or the record needs a closer look.
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
      const ms =
        this.parsedFor[f] === k ? this.parsedMs[f]! : parseCanonicalBytes(b, from[f]!, to[f]!);
      if (ms < EARLIEST_MS) return false; // also -1: not the canonical shape
      if (i === DEADLINE ? ms >= LATEST_MS : ms > this.latestMs) return false;
      times[i] = ms;
    }
    const reported = times[REPORTED]!;
    if (times[1]! < reported || times[2]! < reported) return false; // NaN compares false
    let category = -1;
    const catType = type[F_CATEGORY];
    if (catType === STRING && to[F_CATEGORY] !== from[F_CATEGORY]) {
      category = this.intern(F_CATEGORY);
      if (category < 0) return false;
    } else if (catType !== ABSENT && catType !== NULL && catType !== STRING) return false;
    const source = this.intern(F_SOURCE);
    const unit = this.intern(F_ORGUNIT);
    const externalId = this.text(F_EXTERNALID);
    if (source < 0 || unit < 0 || externalId === null) return false;

    const j = this.grow();
    this.externalId.push(externalId);
    this.source[j] = source;
    this.unit[j] = unit;
    this.category[j] = category;
    this.kind[j] = kind;
    this.channel[j] = channel;
    this.callback[j] = callback;
    this.flags[j] = flags;
    const t = this.times;
    t[j * 4] = times[0]!;
    t[j * 4 + 1] = times[1]!;
    t[j * 4 + 2] = times[2]!;
    t[j * 4 + 3] = times[3]!;
    this.position[j] = k;
    return true;
  }

  /** A new slot in the columns. */
  private grow(): number {
    const j = this.size++;
    if (j < this.position.length) return j;
    const n = this.position.length * 2;
    const more = <T extends Int32Array | Uint8Array | Float64Array>(a: T, size: number): T => {
      const next = new (a.constructor as new (n: number) => T)(size);
      next.set(a);
      return next;
    };
    this.source = more(this.source, n);
    this.unit = more(this.unit, n);
    this.category = more(this.category, n);
    this.kind = more(this.kind, n);
    this.channel = more(this.channel, n);
    this.callback = more(this.callback, n);
    this.flags = more(this.flags, n);
    this.times = more(this.times, n * 4);
    this.position = more(this.position, n);
    return j;
  }

  /**
   * Field `f`'s string (null when longer than the field takes). ASCII bytes are their own
   * characters; anything else is decoded as the reference decodes the whole body (invalid
   * UTF-8 → U+FFFD; a value's bytes end at an ASCII quote, so no sequence spans its end).
   * Length counts UTF-16 units, as validate.ts's does; a value without escapes has no NUL and
   * no lone surrogate.
   */
  private text(f: number): string | null {
    const start = this.from[f]!;
    const end = this.to[f]!;
    const value = this.ascii[f]
      ? latin1(this.buf, start, end)
      : decoder.decode(this.b.subarray(start, end));
    return value.length > MAX_LENGTH[f]! ? null : value;
  }

  /**
   * Field `f`'s string as an index into `strings` (-1 when longer than the field takes): the
   * same bytes give the same index, and their string is made once per body (sources, unit
   * codes and categories repeat).
   */
  private intern(f: number): number {
    const b = this.b;
    const start = this.from[f]!;
    const end = this.to[f]!;
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
        if (i === len) return strings[ix]!.length > MAX_LENGTH[f]! ? -1 : ix;
      }
      slot = (slot + 1) & mask;
    }
    const value = this.ascii[f]
      ? latin1(this.buf, start, end)
      : decoder.decode(b.subarray(start, end));
    const ix = strings.length;
    strings.push(value);
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
    return value.length > MAX_LENGTH[f]! ? -1 : ix;
  }
}

const KEY_SLOTS = 32;
/** Lengths of the common canonical timestamps: `…:SSZ`, `….fffZ`, `…:SS+hh:mm`, `….fff+hh:mm`. */
const CANONICAL_LENGTHS = [24, 20, 29, 25];

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
