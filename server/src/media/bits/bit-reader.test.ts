import { describe, expect, it } from 'vitest';
import { BitReader } from './bit-reader.ts';
import { BitWriter } from './bit-writer.ts';
import { BitstreamError } from './bitstream-error.ts';
import { randomInt, seededRandom } from './fuzz.ts';

describe('BitReader', () => {
  it('reads fields of any width, most significant bit first', () => {
    const r = new BitReader(Uint8Array.from([0b10110011, 0x12, 0x34, 0x56, 0x78, 0xff]));
    expect(r.readBit()).toBe(1);
    expect(r.readBits(3)).toBe(0b011);
    expect(r.readBits(4)).toBe(0b0011);
    expect(r.readBits(32)).toBe(0x12345678);
    expect(r.bitsLeft).toBe(8);
    expect(r.readBits(8)).toBe(255);
    expect(r.bitsLeft).toBe(0);
  });

  it('reads a 32-bit field across byte boundaries as an unsigned number', () => {
    const r = new BitReader(Uint8Array.from([0x0f, 0xff, 0xff, 0xff, 0xf0]));
    r.skipBits(4);
    expect(r.readBits(32)).toBe(0xffffffff);
  });

  it('decodes exp-Golomb codes (H.264 table 9-2)', () => {
    // 1 | 010 | 011 | 00100 | 00101 | 0001000  =  ue 0, 1, 2, 3, 4, 7
    const w = new BitWriter();
    for (const bits of ['1', '010', '011', '00100', '00101', '0001000']) {
      for (const c of bits) w.writeBit(c === '1' ? 1 : 0);
    }
    const r = new BitReader(w.finishRbsp());
    expect([r.readUE(), r.readUE(), r.readUE(), r.readUE(), r.readUE(), r.readUE()]).toEqual([
      0, 1, 2, 3, 4, 7,
    ]);
    const s = new BitReader(Uint8Array.from([0b01001110]));
    expect([s.readSE(), s.readSE(), s.readSE()]).toEqual([1, -1, 0]);
  });

  it('round-trips random values through BitWriter', () => {
    const rand = seededRandom(7);
    const values: [kind: 'bits' | 'ue' | 'se', n: number, v: number][] = [];
    const w = new BitWriter();
    for (let i = 0; i < 500; i++) {
      const kind = (['bits', 'ue', 'se'] as const)[randomInt(rand, 3)] ?? 'bits';
      if (kind === 'bits') {
        const n = randomInt(rand, 33);
        const v = Math.floor(rand() * 2 ** n);
        w.writeBits(n, v);
        values.push([kind, n, v]);
      } else if (kind === 'ue') {
        const v = Math.floor(rand() * 2 ** randomInt(rand, 32));
        w.writeUE(v);
        values.push([kind, 0, v]);
      } else {
        const v = Math.floor(rand() * 2 ** randomInt(rand, 20)) * (rand() < 0.5 ? -1 : 1);
        w.writeSE(v);
        values.push([kind, 0, v]);
      }
    }
    const r = new BitReader(w.finishRbsp());
    for (const [kind, n, v] of values) {
      const got = kind === 'bits' ? r.readBits(n) : kind === 'ue' ? r.readUE() : r.readSE();
      expect(got).toBe(v === 0 ? 0 : v); // -0 and 0 are the same code
    }
  });

  it('throws BitstreamError naming the field when the data runs out', () => {
    const r = new BitReader(Uint8Array.from([0xff]));
    expect(() => r.readBits(9, 'level_idc')).toThrow(/level_idc/);
    expect(() => r.readBits(33)).toThrow(BitstreamError);
    expect(() => new BitReader(Uint8Array.from([0, 0, 0])).readUE('sps_id')).toThrow(
      /data ends before sps_id/,
    );
    expect(() => new BitReader(new Uint8Array(8)).readUE('x')).toThrow(/longer than 32 bits/);
    expect(() => new BitReader(new Uint8Array(2), 3)).toThrow(BitstreamError);
    expect(() => new BitReader(Uint8Array.from([0b00111000])).readUEMax(5, 'chroma')).toThrow(
      /chroma is 6, more than 5/,
    );
  });
});
