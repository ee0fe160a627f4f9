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
  });

  it('reuses its buffer after a reset', () => {
    const arena = new SampleArena();
    const first = arena.append([new Uint8Array([1, 2, 3])]);
    arena.reset();
    const second = arena.append([new Uint8Array([4, 5, 6])]);
    expect(second.buffer).toBe(first.buffer);
    expect([...second]).toEqual([0, 0, 0, 3, 4, 5, 6]);
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
});
