import { describe, expect, it } from 'vitest';
import { SampleArena } from './sample-arena.ts';

describe('SampleArena', () => {
  it('stores frames as length-prefixed MP4 samples, across buffers when it fills', () => {
    const arena = new SampleArena();
    arena.append([new Uint8Array([0x67, 1, 2]), new Uint8Array([0x65, 9])]);
    arena.append([new Uint8Array(200_000).fill(7)]);
    expect(arena.count).toBe(2);
    expect(arena.length).toBe(13 + 200_004);
    const { samples, buffers } = arena.handOver();
    expect(samples.map((s) => s.length)).toEqual([13, 200_004]);
    expect([...(samples[0] ?? [])]).toEqual([0, 0, 0, 3, 0x67, 1, 2, 0, 0, 0, 2, 0x65, 9]);
    expect(samples[1]?.[3]).toBe(0x40); // 200,000 = 0x00030d40
    expect(samples[1]?.[200_003]).toBe(7);
    expect(samples[0]?.buffer).not.toBe(samples[1]?.buffer);
    expect(arena.count).toBe(0);
    buffers.release();
  });

  it('copies a frame given as its MP4 sample as it is', () => {
    const arena = new SampleArena();
    arena.append([new Uint8Array([9])]);
    const sample = new Uint8Array([0, 0, 0, 2, 0x65, 8, 0, 0, 0, 1, 0x41]);
    arena.append([sample.subarray(4, 6), sample.subarray(10)], sample);
    const { samples } = arena.handOver();
    expect([...(samples[1] ?? [])]).toEqual([...sample]);
    expect(samples[1]?.buffer).not.toBe(sample.buffer);
  });

  it('never reuses the buffers of a fragment before they are released, and reuses them after', () => {
    const arena = new SampleArena();
    const fill = (n: number): Uint8Array => {
      arena.append([new Uint8Array([n, n, n])]);
      const [only] = arena.handOver().samples;
      if (!only) throw new Error('no sample');
      return only;
    };
    arena.append([new Uint8Array([1, 2, 3])]);
    const first = arena.handOver();
    // The next fragment must not write over the samples of the one being written.
    arena.append([new Uint8Array([4, 5, 6])]);
    const second = arena.handOver();
    expect(second.samples[0]?.buffer).not.toBe(first.samples[0]?.buffer);
    expect([...(first.samples[0] ?? [])]).toEqual([0, 0, 0, 3, 1, 2, 3]);
    first.buffers.release();
    first.buffers.release(); // idempotent: kept once
    second.buffers.release();
    const third = fill(7);
    const fourth = fill(8);
    // Two buffers take turns; they are reused once released.
    expect([first.samples[0]?.buffer, second.samples[0]?.buffer]).toContain(third.buffer);
    expect([first.samples[0]?.buffer, second.samples[0]?.buffer]).toContain(fourth.buffer);
    expect(fourth.buffer).not.toBe(third.buffer);
    expect([...third]).toEqual([0, 0, 0, 3, 7, 7, 7]);
  });

  it('hands over every buffer a large fragment filled', () => {
    const arena = new SampleArena();
    for (const n of [1, 2, 3]) arena.append([new Uint8Array(60_000).fill(n)]);
    const handed = arena.handOver();
    const used = new Set(handed.samples.map((v) => v.buffer));
    expect(used.size).toBeGreaterThan(1);
    arena.append([new Uint8Array(10)]);
    const next = arena.handOver();
    expect(used.has(next.samples[0]?.buffer ?? new ArrayBuffer(0))).toBe(false);
    expect(handed.samples.map((v) => v[10])).toEqual([1, 2, 3]);
    handed.buffers.release();
  });
});
