import {
  CALLBACK_VERDICTS,
  CASE_CHANNELS,
  CASE_KINDS,
  type CallbackVerdict,
  type CaseChannel,
  type CaseKind,
} from "../db/tables/case-record.ts";

/** A validated case ready to store: org unit resolved to its id, times as epoch milliseconds. */
export interface CaseWrite {
  source: string;
  externalId: string;
  orgUnitId: number;
  kind: CaseKind;
  channel: CaseChannel;
  category: string | null;
  reportedAt: number;
  respondedAt: number | null;
  resolvedAt: number | null;
  deadlineAt: number | null;
  firstPass: boolean;
  complaint: boolean;
  online: boolean;
  callback: CallbackVerdict | null;
}

/** Flag bits of `CaseBatch.flags`. */
export const FIRST_PASS = 1;
export const COMPLAINT = 2;
export const ONLINE = 4;

/** Offsets of the four times of a case in `CaseBatch.times`. */
export const REPORTED = 0;
export const RESPONDED = 1;
export const RESOLVED = 2;
export const DEADLINE = 3;

/**
 * Validated cases in columns: one slot per case, enums as indexes into the tables of
 * `case-record.ts`, the four times as epoch milliseconds (NaN for none). A batch of 10,000
 * cases is a few typed arrays and the strings it must have (identities, categories) instead of
 * 10,000 objects, which is what keeps the ingest path's garbage collection small. The byte
 * reader of POST /cases/batch fills the columns directly; everything else goes through `add`.
 */
export class CaseBatch {
  size = 0;
  source: string[] = [];
  externalId: string[] = [];
  category: (string | null)[] = [];
  unitId: Int32Array;
  kind: Uint8Array;
  channel: Uint8Array;
  /** 0 for none, else the index into CALLBACK_VERDICTS plus one. */
  callback: Uint8Array;
  flags: Uint8Array;
  times: Float64Array;
  /** Where the case was in the request (its index, or a file's data row), for `rejected`. */
  position: Int32Array;

  constructor(capacity = 1024) {
    const n = Math.max(1, capacity);
    this.unitId = new Int32Array(n);
    this.kind = new Uint8Array(n);
    this.channel = new Uint8Array(n);
    this.callback = new Uint8Array(n);
    this.flags = new Uint8Array(n);
    this.times = new Float64Array(n * 4);
    this.position = new Int32Array(n);
  }

  /** A batch over these columns (taken, not copied). */
  static fromColumns(c: CaseBatchColumns): CaseBatch {
    const batch = new CaseBatch(0);
    batch.size = c.size;
    batch.source = c.source;
    batch.externalId = c.externalId;
    batch.category = c.category;
    batch.unitId = c.unitId;
    batch.kind = c.kind;
    batch.channel = c.channel;
    batch.callback = c.callback;
    batch.flags = c.flags;
    batch.times = c.times;
    batch.position = c.position;
    return batch;
  }

  /** Room for one more case; returns its slot. The string columns are the caller's to push. */
  grow(): number {
    if (this.size === this.unitId.length) {
      const n = Math.max(16, this.size * 2);
      this.unitId = copyInto(new Int32Array(n), this.unitId);
      this.kind = copyInto(new Uint8Array(n), this.kind);
      this.channel = copyInto(new Uint8Array(n), this.channel);
      this.callback = copyInto(new Uint8Array(n), this.callback);
      this.flags = copyInto(new Uint8Array(n), this.flags);
      this.times = copyInto(new Float64Array(n * 4), this.times);
      this.position = copyInto(new Int32Array(n), this.position);
    }
    return this.size++;
  }

  /** Keeps the slots whose `keep` byte is set, in order (the others are dropped). */
  compact(keep: Uint8Array) {
    let k = 0;
    for (let j = 0; j < this.size; j++) {
      if (!keep[j]) continue;
      if (k !== j) {
        this.source[k] = this.source[j]!;
        this.externalId[k] = this.externalId[j]!;
        this.category[k] = this.category[j]!;
        this.unitId[k] = this.unitId[j]!;
        this.kind[k] = this.kind[j]!;
        this.channel[k] = this.channel[j]!;
        this.callback[k] = this.callback[j]!;
        this.flags[k] = this.flags[j]!;
        this.times.copyWithin(k * 4, j * 4, j * 4 + 4);
        this.position[k] = this.position[j]!;
      }
      k++;
    }
    this.size = k;
    this.source.length = k;
    this.externalId.length = k;
    this.category.length = k;
  }

  add(c: CaseWrite, position: number): number {
    const j = this.grow();
    this.source.push(c.source);
    this.externalId.push(c.externalId);
    this.category.push(c.category);
    this.unitId[j] = c.orgUnitId;
    this.kind[j] = KIND_INDEX.get(c.kind)!;
    this.channel[j] = CHANNEL_INDEX.get(c.channel)!;
    this.callback[j] = c.callback === null ? 0 : CALLBACK_INDEX.get(c.callback)! + 1;
    this.flags[j] =
      (c.firstPass ? FIRST_PASS : 0) | (c.complaint ? COMPLAINT : 0) | (c.online ? ONLINE : 0);
    this.times[j * 4 + REPORTED] = c.reportedAt;
    this.times[j * 4 + RESPONDED] = c.respondedAt ?? Number.NaN;
    this.times[j * 4 + RESOLVED] = c.resolvedAt ?? Number.NaN;
    this.times[j * 4 + DEADLINE] = c.deadlineAt ?? Number.NaN;
    this.position[j] = position;
    return j;
  }

  /** Slot `j` as an object (tests, and the few cases an update touches). */
  at(j: number): CaseWrite {
    const time = (k: number) => {
      const t = this.times[j * 4 + k]!;
      return Number.isNaN(t) ? null : t;
    };
    const f = this.flags[j]!;
    const cb = this.callback[j]!;
    return {
      source: this.source[j]!,
      externalId: this.externalId[j]!,
      orgUnitId: this.unitId[j]!,
      kind: CASE_KINDS[this.kind[j]!]!,
      channel: CASE_CHANNELS[this.channel[j]!]!,
      category: this.category[j]!,
      reportedAt: this.times[j * 4 + REPORTED]!,
      respondedAt: time(RESPONDED),
      resolvedAt: time(RESOLVED),
      deadlineAt: time(DEADLINE),
      firstPass: (f & FIRST_PASS) !== 0,
      complaint: (f & COMPLAINT) !== 0,
      online: (f & ONLINE) !== 0,
      callback: cb === 0 ? null : CALLBACK_VERDICTS[cb - 1]!,
    };
  }
}

/** A CaseBatch's data as plain values (what `fromColumns` takes). */
export type CaseBatchColumns = Pick<
  CaseBatch,
  | "size"
  | "source"
  | "externalId"
  | "category"
  | "unitId"
  | "kind"
  | "channel"
  | "callback"
  | "flags"
  | "times"
  | "position"
>;

function copyInto<T extends Int32Array | Uint8Array | Float64Array>(to: T, from: T): T {
  to.set(from);
  return to;
}

const indexOf = <T extends string>(xs: readonly T[]) => new Map(xs.map((x, i) => [x, i]));
const KIND_INDEX = indexOf(CASE_KINDS);
const CHANNEL_INDEX = indexOf(CASE_CHANNELS);
const CALLBACK_INDEX = indexOf(CALLBACK_VERDICTS);
