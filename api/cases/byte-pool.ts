/**
 * Reusable byte buffers for the ingest path's big, short-lived byte arrays (request bodies of
 * a few MB, binary COPY data). Allocating them afresh per batch costs more than the copying:
 * each new ArrayBuffer counts as external memory, and a few MB of it per request drive V8 into
 * frequent "external memory pressure" collections on every thread that holds one. A pool keeps
 * a handful and hands them out again.
 *
 * `take` returns a buffer of at least the size asked (its length is its capacity, a power of
 * two); `give` puts it back once nothing uses it any more. A buffer never given back is simply
 * collected, and so is one bigger than `largest`: a few odd 30 MB bodies do not stay in memory
 * for good. With `shared`, buffers are SharedArrayBuffer views, which a worker thread reads
 * without a copy (scan-pool.ts).
 */
export class BytePool {
  private readonly free: Uint8Array[] = [];

  constructor(
    private readonly opts: {
      /** Buffers kept at most. */
      keep: number;
      /** Smallest capacity handed out. */
      min: number;
      /** Largest buffer kept: a bigger one is left to the collector (default 8 MiB). */
      largest?: number;
      /** SharedArrayBuffer-backed where the runtime has it. */
      shared?: boolean;
    },
  ) {}

  take(size: number): Uint8Array {
    let best = -1;
    for (let i = 0; i < this.free.length; i++) {
      const cap = this.free[i]!.length;
      if (cap >= size && (best < 0 || cap < this.free[best]!.length)) best = i;
    }
    if (best >= 0) return this.free.splice(best, 1)[0]!;
    let cap = this.opts.min;
    while (cap < size) cap *= 2;
    return this.opts.shared && typeof SharedArrayBuffer === "function"
      ? new Uint8Array(new SharedArrayBuffer(cap))
      : new Uint8Array(cap);
  }

  /** A buffer `take` gave (or a view of one: its whole buffer goes back). */
  give(bytes: Uint8Array): void {
    const size = bytes.buffer.byteLength;
    if (size < this.opts.min || size > (this.opts.largest ?? 8 << 20)) return;
    if (this.free.some((f) => f.buffer === bytes.buffer)) return; // given twice
    const whole = new Uint8Array(bytes.buffer);
    if (this.free.length < this.opts.keep) {
      this.free.push(whole);
      return;
    }
    if (this.free.length === 0) return; // keeps none
    // Full: keep the bigger buffers.
    let smallest = 0;
    for (let i = 1; i < this.free.length; i++) {
      if (this.free[i]!.length < this.free[smallest]!.length) smallest = i;
    }
    if (this.free[smallest]!.length < whole.length) this.free[smallest] = whole;
  }
}

/** The ingest path's pools, one set per process: built by the entry, passed as `AppDeps.buffers`. */
export interface CaseBuffers {
  /** POST /cases/batch bodies: shared memory, so that a scanning thread reads them in place. */
  bodies: BytePool;
  /** Binary COPY data of stored batches (cases/queries/copy.ts). */
  copy: BytePool;
}

export function createCaseBuffers(): CaseBuffers {
  return {
    bodies: new BytePool({ keep: 8, min: 1 << 20, shared: true }),
    copy: new BytePool({ keep: 8, min: 64 * 1024 }),
  };
}
