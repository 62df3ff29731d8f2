import { CASE_FIELDS, type CaseWrite, writeKey } from "./contract/fields.ts";
import {
  BOOL_FIELDS,
  ENUM_FIELDS,
  ENUMS,
  EXTERNAL_ID,
  INT_FIELDS,
  INTS,
  SLOT,
  SOURCE,
  TEXT_FIELDS,
  TIME_FIELDS,
  TIMES,
} from "./contract/layout.ts";

export type { CaseWrite } from "./contract/fields.ts";

/** Offsets of the times store.ts reads in `CaseBatch.times` (TIMES per case). */
export const REPORTED = SLOT.reportedAt;
export const RESOLVED = SLOT.resolvedAt;
export { TIMES };

/**
 * Validated cases in columns, laid out by the field table (contract/layout.ts): one slot per
 * case; texts as string columns, the org unit as its id, enums as bytes (0 for none, else the
 * index into the field's values plus one), booleans as bits of `flags`, times as epoch
 * milliseconds and integers as doubles (NaN for none). A batch of 10,000 cases is a few typed
 * arrays and the strings it must have (identities, categories) instead of 10,000 objects,
 * which is what keeps the ingest path's garbage collection small. The byte reader of
 * POST /cases/batch fills the columns directly; everything else goes through `add`.
 */
export class CaseBatch {
  size = 0;
  /** Per text field (TEXT_FIELDS), its values (null: none). */
  texts: (string | null)[][] = TEXT_FIELDS.map(() => []);
  unitId: Int32Array;
  /** ENUMS per case. */
  enums: Uint8Array;
  /** Bit i: BOOL_FIELDS[i]. */
  flags: Uint8Array;
  /** TIMES per case. */
  times: Float64Array;
  /** INTS per case. */
  ints: Float64Array;
  /** Where the case was in the request (its index, or a file's data row), for `rejected`. */
  position: Int32Array;

  constructor(capacity = 1024) {
    const n = Math.max(1, capacity);
    this.unitId = new Int32Array(n);
    this.enums = new Uint8Array(n * ENUMS);
    this.flags = new Uint8Array(n);
    this.times = new Float64Array(n * TIMES);
    this.ints = new Float64Array(n * INTS);
    this.position = new Int32Array(n);
  }

  /** The identity's columns. */
  get source(): string[] {
    return this.texts[SOURCE] as string[];
  }
  get externalId(): string[] {
    return this.texts[EXTERNAL_ID] as string[];
  }

  /** A batch over these columns (taken, not copied). */
  static fromColumns(c: CaseBatchColumns): CaseBatch {
    const batch = new CaseBatch(0);
    batch.size = c.size;
    batch.texts = c.texts;
    batch.unitId = c.unitId;
    batch.enums = c.enums;
    batch.flags = c.flags;
    batch.times = c.times;
    batch.ints = c.ints;
    batch.position = c.position;
    return batch;
  }

  /** Room for one more case; returns its slot. The text columns are the caller's to push. */
  grow(): number {
    if (this.size === this.unitId.length) {
      const n = Math.max(16, this.size * 2);
      this.unitId = copyInto(new Int32Array(n), this.unitId);
      this.enums = copyInto(new Uint8Array(n * ENUMS), this.enums);
      this.flags = copyInto(new Uint8Array(n), this.flags);
      this.times = copyInto(new Float64Array(n * TIMES), this.times);
      this.ints = copyInto(new Float64Array(n * INTS), this.ints);
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
        for (const column of this.texts) column[k] = column[j]!;
        this.unitId[k] = this.unitId[j]!;
        this.enums.copyWithin(k * ENUMS, j * ENUMS, j * ENUMS + ENUMS);
        this.flags[k] = this.flags[j]!;
        this.times.copyWithin(k * TIMES, j * TIMES, j * TIMES + TIMES);
        this.ints.copyWithin(k * INTS, j * INTS, j * INTS + INTS);
        this.position[k] = this.position[j]!;
      }
      k++;
    }
    this.size = k;
    for (const column of this.texts) column.length = k;
  }

  add(c: CaseWrite, position: number): number {
    const j = this.grow();
    const v = c as unknown as Record<string, unknown>;
    for (let i = 0; i < TEXT_FIELDS.length; i++) {
      this.texts[i]!.push((v[TEXT_FIELDS[i]!.name] as string | null) ?? null);
    }
    this.unitId[j] = c.orgUnitId;
    for (let i = 0; i < ENUMS; i++) {
      const value = v[ENUM_FIELDS[i]!.name] as string | null;
      this.enums[j * ENUMS + i] = value === null ? 0 : ENUM_INDEX[i]!.get(value)! + 1;
    }
    let flags = 0;
    for (let i = 0; i < BOOL_FIELDS.length; i++) if (v[BOOL_FIELDS[i]!.name]) flags |= 1 << i;
    this.flags[j] = flags;
    for (let i = 0; i < TIMES; i++) {
      this.times[j * TIMES + i] = (v[TIME_FIELDS[i]!.name] as number | null) ?? Number.NaN;
    }
    for (let i = 0; i < INTS; i++) {
      this.ints[j * INTS + i] = (v[INT_FIELDS[i]!.name] as number | null) ?? Number.NaN;
    }
    this.position[j] = position;
    return j;
  }

  /** Slot `j` as an object (tests, and the few cases an update touches). */
  at(j: number): CaseWrite {
    const out: Record<string, unknown> = {};
    const orNull = (x: number) => (Number.isNaN(x) ? null : x);
    for (const f of CASE_FIELDS) {
      const i = SLOT[f.name];
      let value: unknown;
      switch (f.type) {
        case "text":
          value = this.texts[i]![j] ?? null;
          break;
        case "unit":
          value = this.unitId[j]!;
          break;
        case "enum": {
          const code = this.enums[j * ENUMS + i]!;
          value = code === 0 ? null : f.values[code - 1]!;
          break;
        }
        case "bool":
          value = (this.flags[j]! & (1 << i)) !== 0;
          break;
        case "timestamp":
          value = orNull(this.times[j * TIMES + i]!);
          break;
        case "int":
          value = orNull(this.ints[j * INTS + i]!);
          break;
      }
      out[writeKey(f)] = value;
    }
    return out as CaseWrite;
  }
}

/** A CaseBatch's data as plain values (what `fromColumns` takes). */
export type CaseBatchColumns = Pick<
  CaseBatch,
  "size" | "texts" | "unitId" | "enums" | "flags" | "times" | "ints" | "position"
>;

function copyInto<T extends Int32Array | Uint8Array | Float64Array>(to: T, from: T): T {
  to.set(from);
  return to;
}

const ENUM_INDEX = ENUM_FIELDS.map((f) => new Map(f.values.map((x, i) => [x, i])));
