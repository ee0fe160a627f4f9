import { describe, expect, it } from 'vitest';
import { AnnexBError, AnnexBReader } from './annexb-reader.ts';

const aud = [0, 0, 0, 1, 0x09, 0xf0];
const sps = [0, 0, 0, 1, 0x67, 0x42, 0, 0x1e];
const pps = [0, 0, 1, 0x68, 0xce, 0x3c, 0x80];
const idr = [0, 0, 0, 1, 0x65, 0x88, 0x84, 0, 0, 3, 1];
const p = [0, 0, 0, 1, 0x41, 0x9a, 0x02];

describe('AnnexBReader', () => {
  it('emits an access unit when the next delimiter arrives, across chunk borders', () => {
    const stream = new Uint8Array([...aud, ...sps, ...pps, ...idr, ...aud, ...p, ...aud]);
    const r = new AnnexBReader();
    const units = [];
    for (let i = 0; i < stream.length; i += 3) units.push(...r.push(stream.subarray(i, i + 3)));
    expect(units).toHaveLength(2);
    expect(units[0]?.isKey).toBe(true);
    expect(units[0]?.nalus.map((n) => (n[0] ?? 0) & 0x1f)).toEqual([7, 8, 5]);
    expect([...(units[0]?.nalus[2] ?? [])]).toEqual([0x65, 0x88, 0x84, 0, 0, 3, 1]);
    expect(units[1]?.isKey).toBe(false);
    expect(units[1]?.nalus).toHaveLength(1);
  });

  it('refuses a stream that never completes a NAL unit within the bound', () => {
    const r = new AnnexBReader(16);
    expect(() => r.push(new Uint8Array([0, 0, 1, 0x41, ...new Array<number>(40).fill(7)]))).toThrow(
      AnnexBError,
    );
  });
});
