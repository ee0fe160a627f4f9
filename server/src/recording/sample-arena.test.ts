import { describe, expect, it } from 'vitest';
import { SampleArena } from './sample-arena.ts';

describe('SampleArena', () => {
  it('stores a frame as a length-prefixed MP4 sample, and keeps earlier views when it grows', () => {
    const arena = new SampleArena();
    const a = arena.append([new Uint8Array([0x67, 1, 2]), new Uint8Array([0x65, 9])]);
    expect([...a]).toEqual([0, 0, 0, 3, 0x67, 1, 2, 0, 0, 0, 2, 0x65, 9]);
    const big = new Uint8Array(200_000).fill(7);
    const b = arena.append([big]);
    expect(b.length).toBe(200_004);
    expect([...a]).toEqual([0, 0, 0, 3, 0x67, 1, 2, 0, 0, 0, 2, 0x65, 9]);
    expect(b[3]).toBe(0x40); // 200,000 = 0x00030d40
    expect(b[200_003]).toBe(7);
    expect(arena.length).toBe(13 + 200_004);
  });

  it('copies a frame given as its MP4 sample as it is', () => {
    const arena = new SampleArena();
    arena.append([new Uint8Array([9])]);
    const sample = new Uint8Array([0, 0, 0, 2, 0x65, 8, 0, 0, 0, 1, 0x41]);
    const nalus = [sample.subarray(4, 6), sample.subarray(10)];
    const view = arena.append(nalus, sample);
    expect([...view]).toEqual([...sample]);
    expect(view.buffer).not.toBe(sample.buffer);
  });

  it('hands a fragment its buffers: not reused before they are released, reused after', () => {
    const arena = new SampleArena();
    const first = arena.append([new Uint8Array([1, 2, 3])]);
    const handed = arena.handOver();
    expect(arena.length).toBe(0);
    // The next fragment must not write over the samples of the one being written.
    const second = arena.append([new Uint8Array([4, 5, 6])]);
    expect(second.buffer).not.toBe(first.buffer);
    expect([...first]).toEqual([0, 0, 0, 3, 1, 2, 3]);
    handed.release();
    handed.release(); // idempotent: kept once
    arena.handOver().release();
    const third = arena.append([new Uint8Array([7])]);
    const fourth = arena.handOver();
    const fifth = arena.append([new Uint8Array([8])]);
    // Two buffers take turns; the one still being written (fourth) is never reused.
    expect([first.buffer, second.buffer]).toContain(third.buffer);
    expect([first.buffer, second.buffer]).toContain(fifth.buffer);
    expect(fifth.buffer).not.toBe(third.buffer);
    expect([...third]).toEqual([0, 0, 0, 1, 7]);
    fourth.release();
  });

  it('hands over every buffer a large fragment filled', () => {
    const arena = new SampleArena();
    const views = [1, 2, 3].map((n) => arena.append([new Uint8Array(60_000).fill(n)]));
    expect(new Set(views.map((v) => v.buffer)).size).toBeGreaterThan(1);
    const handed = arena.handOver();
    const next = arena.append([new Uint8Array(10)]);
    expect(views.map((v) => v.buffer)).not.toContain(next.buffer);
    expect(views.map((v) => v[10])).toEqual([1, 2, 3]);
    handed.release();
  });
});
