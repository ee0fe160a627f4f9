import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  decodeFragmentTable,
  decodeKeyFrameIndex,
  encodeFragmentTable,
  encodeKeyFrameIndex,
  keyFramesOf,
  type FragmentEntry,
} from './fragment-table.ts';

function table(n: number): FragmentEntry[] {
  const out: FragmentEntry[] = [];
  let offset = 812;
  for (let i = 0; i < n; i++) {
    const sizeBytes = 200_000 + i * 1_234;
    out.push({
      byteOffset: offset,
      sizeBytes,
      decodeTime90k: i * 90_000,
      duration90k: 90_000,
      frameCount: 25,
      startsWithKey: i % 2 === 0,
      sha256: randomBytes(32),
    });
    offset += sizeBytes;
  }
  return out;
}

describe('fragment table', () => {
  it('round-trips a minute of fragments in about 40 bytes each', () => {
    const t = table(60);
    const bytes = encodeFragmentTable(t);
    expect(bytes.length).toBeLessThan(60 * 45);
    const back = decodeFragmentTable(bytes);
    expect(back.map((f) => ({ ...f, sha256: Buffer.from(f.sha256).toString('hex') }))).toEqual(
      t.map((f) => ({ ...f, sha256: Buffer.from(f.sha256).toString('hex') })),
    );
  });

  it('derives and round-trips the key-frame index', () => {
    const keys = keyFramesOf(table(10));
    expect(keys).toHaveLength(5);
    expect(keys[1]?.time90k).toBe(180_000);
    expect(decodeKeyFrameIndex(encodeKeyFrameIndex(keys))).toEqual(keys);
  });

  it('rejects damaged encodings with an error naming the fault', () => {
    const bytes = encodeFragmentTable(table(3));
    expect(() => decodeFragmentTable(bytes.subarray(0, bytes.length - 5))).toThrow(
      /fragment table: truncated/,
    );
    expect(() => decodeFragmentTable(Uint8Array.of(9, 0))).toThrow(/unknown version 9/);
    expect(() => decodeKeyFrameIndex(Uint8Array.of(1, 0, 7))).toThrow(/trailing bytes/);
    expect(() =>
      encodeKeyFrameIndex([
        { time90k: 5, byteOffset: 9 },
        { time90k: 1, byteOffset: 10 },
      ]),
    ).toThrow(/out of order/);
  });
});
