import { describe, expect, it } from 'vitest';
import { FragmentBufferPool } from './fragment-buffers.ts';

describe('FragmentBufferPool', () => {
  it('hands out buffers of the exact size and reuses one given back', () => {
    const pool = new FragmentBufferPool();
    const a = pool.take(100_000);
    expect(a.length).toBe(100_000);
    a.fill(7);
    pool.give(a);
    expect(pool.idle).toBe(1);
    const b = pool.take(90_000);
    expect(b.length).toBe(90_000);
    expect(b.buffer).toBe(a.buffer);
    expect(pool.idle).toBe(0);
  });

  it('allocates when no idle buffer is large enough, and picks the smallest that fits', () => {
    const pool = new FragmentBufferPool();
    const small = pool.take(10_000);
    const large = pool.take(500_000);
    pool.give(small);
    pool.give(large);
    expect(pool.take(20_000).buffer).toBe(small.buffer);
    expect(pool.take(20_000).buffer).toBe(large.buffer);
    const fresh = pool.take(20_000);
    expect([small.buffer, large.buffer]).not.toContain(fresh.buffer);
  });

  it('keeps a buffer given back twice once', () => {
    const pool = new FragmentBufferPool();
    const a = pool.take(1000);
    pool.give(a);
    pool.give(a);
    expect(pool.idle).toBe(1);
  });

  it('keeps at most maxFree idle buffers, the larger ones', () => {
    const pool = new FragmentBufferPool(2);
    const sizes = [70_000, 200_000, 140_000];
    const bufs = sizes.map((n) => pool.take(n));
    for (const b of bufs) pool.give(b);
    expect(pool.idle).toBe(2);
    // The smallest (70 000 bytes) was dropped; the smallest that fits is taken first.
    expect(pool.take(150_000).buffer).toBe(bufs[2]?.buffer);
    expect(pool.take(100_000).buffer).toBe(bufs[1]?.buffer);
    expect(pool.idle).toBe(0);
  });
});
