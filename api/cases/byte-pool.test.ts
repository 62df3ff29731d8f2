import { describe, expect, it } from "vitest";
import { BytePool } from "./byte-pool.ts";

describe("BytePool", () => {
  it("hands a given-back buffer out again, the smallest that fits", () => {
    const pool = new BytePool({ keep: 4, min: 1024 });
    const a = pool.take(3000);
    const b = pool.take(100);
    expect(a.length).toBe(4096);
    expect(b.length).toBe(1024);
    pool.give(a.subarray(10, 20)); // a view gives back its whole buffer
    pool.give(b);
    pool.give(b); // twice: kept once
    expect(pool.take(500).buffer).toBe(b.buffer);
    expect(pool.take(2000).buffer).toBe(a.buffer);
    const fresh = pool.take(500);
    expect([a.buffer, b.buffer]).not.toContain(fresh.buffer);
  });

  it("keeps at most `keep` buffers, the biggest", () => {
    const pool = new BytePool({ keep: 2, min: 1024 });
    const [s, m, l] = [pool.take(1024), pool.take(2048), pool.take(4096)];
    for (const x of [s, m, l]) pool.give(x);
    expect(pool.take(1).buffer).toBe(m.buffer);
    expect(pool.take(1).buffer).toBe(l.buffer);
    expect(pool.take(1).buffer).not.toBe(s.buffer);
  });

  it("leaves buffers over `largest` to the collector", () => {
    const pool = new BytePool({ keep: 4, min: 1024, largest: 4096 });
    const big = pool.take(5000);
    pool.give(big);
    expect(pool.take(5000).buffer).not.toBe(big.buffer);
  });

  it("makes shared buffers when asked", () => {
    const pool = new BytePool({ keep: 1, min: 1024, shared: true });
    expect(pool.take(10).buffer).toBeInstanceOf(SharedArrayBuffer);
  });

  it("keeps nothing when it may keep none (a call's own pool, see storeCases)", () => {
    const pool = new BytePool({ keep: 0, min: 1024 });
    const b = pool.take(10);
    pool.give(b);
    expect(pool.take(10).buffer).not.toBe(b.buffer);
  });
});
