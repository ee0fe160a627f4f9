import { describe, expect, it } from 'vitest';
import { groupAccessUnits } from './access-units.ts';
import { splitAnnexB, toAnnexB } from './annexb.ts';
import { fromAvcc, toAvcc } from './avcc.ts';
import { BitstreamError } from './bitstream-error.ts';
import { mutate, randomBytes, randomInt, seededRandom } from './fuzz.ts';
import { escapeRbsp, unescapeRbsp } from './rbsp.ts';

const bytes = (...b: number[]): Uint8Array => Uint8Array.from(b);

describe('emulation prevention', () => {
  it('removes the 03 of every 00 00 03 and nothing else', () => {
    expect(unescapeRbsp(bytes(0x67, 0, 0, 3, 1, 0, 0, 3, 0, 0, 3))).toEqual(
      bytes(0x67, 0, 0, 1, 0, 0, 0, 0),
    );
    expect(unescapeRbsp(bytes(0, 0, 3, 0, 0, 3, 3))).toEqual(bytes(0, 0, 0, 0, 3));
    const plain = bytes(1, 0, 3, 0, 0, 4);
    expect(unescapeRbsp(plain)).toBe(plain);
  });

  it('escapeRbsp is undone by unescapeRbsp, and leaves no start code', () => {
    const rand = seededRandom(11);
    for (let i = 0; i < 300; i++) {
      const rbsp = randomBytes(rand, randomInt(rand, 64)).map((b) => (rand() < 0.5 ? 0 : b & 3));
      const escaped = escapeRbsp(rbsp);
      expect(unescapeRbsp(escaped)).toEqual(rbsp);
      expect(splitAnnexB(escaped)).toHaveLength(0);
    }
  });
});

describe('Annex B', () => {
  it('splits on 3- and 4-byte start codes, dropping leading bytes and trailing zeros', () => {
    const stream = bytes(0, 0, 0, 1, 0x67, 1, 2, 0, 0, 1, 0x68, 3, 0, 0, 0, 0, 1, 0x65, 4, 0, 0);
    expect(splitAnnexB(stream)).toEqual([bytes(0x67, 1, 2), bytes(0x68, 3), bytes(0x65, 4)]);
    expect(splitAnnexB(bytes(9, 9, 0, 0, 1, 0x41, 0, 0, 1, 0, 0, 1, 0x41))).toEqual([
      bytes(0x41),
      bytes(0x41),
    ]);
    expect(splitAnnexB(bytes(1, 2, 3))).toEqual([]);
  });

  it('round-trips through toAnnexB', () => {
    const nalus = [bytes(0x67, 0x42, 0, 0, 3, 1), bytes(0x68, 0xce), bytes(0x65, 0x88, 0x80)];
    expect(splitAnnexB(toAnnexB(nalus))).toEqual(nalus);
  });
});

describe('length-prefixed NAL units', () => {
  it('round-trips with 4-byte lengths', () => {
    const nalus = [bytes(0x65, 1, 2, 3), new Uint8Array(300).fill(7), bytes(6)];
    const avcc = toAvcc(nalus);
    expect(avcc.length).toBe(4 * 3 + 4 + 300 + 1);
    expect(Array.from(avcc.subarray(8, 12))).toEqual([0, 0, 1, 44]);
    expect(fromAvcc(avcc)).toEqual(nalus);
    expect(fromAvcc(bytes(0, 2, 9, 9, 0, 1, 8), 2)).toEqual([bytes(9, 9), bytes(8)]);
  });

  it('rejects lengths that run past the buffer', () => {
    expect(() => fromAvcc(bytes(0, 0, 0, 5, 1, 2))).toThrow(/claims 5 bytes but only 2 remain/);
    expect(() => fromAvcc(bytes(0, 0, 0, 1, 1, 0, 0))).toThrow(/cut off/);
  });

  it('fuzz: fromAvcc and splitAnnexB throw only BitstreamError', () => {
    const rand = seededRandom(2024);
    const seed = toAvcc([bytes(0x65, 1, 2, 3, 0, 0, 1), new Uint8Array(40).fill(0x55), bytes(1)]);
    for (let i = 0; i < 3000; i++) {
      const input = mutate(seed, rand);
      try {
        const nalus = fromAvcc(input, ([1, 2, 4] as const)[i % 3]);
        for (const n of nalus) expect(n.length).toBeLessThanOrEqual(input.length);
      } catch (e) {
        expect(e).toBeInstanceOf(BitstreamError);
      }
      for (const n of splitAnnexB(input)) unescapeRbsp(n);
    }
  });
});

describe('groupAccessUnits', () => {
  it('groups H.264 NAL units into pictures and marks IDR pictures', () => {
    const sps = bytes(0x67, 0x42);
    const pps = bytes(0x68, 0xce);
    const idrFirst = bytes(0x65, 0x88); // first_mb_in_slice = 0
    const idrSecond = bytes(0x65, 0x12); // a later slice of the same picture
    const p = bytes(0x41, 0x9a);
    const aus = groupAccessUnits([sps, pps, idrFirst, idrSecond, p, bytes(0x41, 0x80)], 'h264');
    expect(aus.map((a) => [a.nalus.length, a.isKey])).toEqual([
      [4, true],
      [1, false],
      [1, false],
    ]);
  });

  it('groups H.265 NAL units and treats IRAP types as key', () => {
    const vps = bytes(0x40, 0x01);
    const cra = bytes(0x2a, 0x01, 0x80); // type 21, first slice segment
    const suffixSei = bytes(0x50, 0x01, 0x00); // type 40 stays with its picture
    const trail = bytes(0x02, 0x01, 0x80); // type 1
    const aus = groupAccessUnits([vps, cra, suffixSei, trail, bytes(0x02, 0x01, 0x40)], 'h265');
    expect(aus.map((a) => [a.nalus.length, a.isKey])).toEqual([
      [3, true],
      [2, false],
    ]);
  });
});
