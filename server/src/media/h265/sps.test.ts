import { describe, expect, it } from 'vitest';
import { BitReader } from '../bits/bit-reader.ts';
import { BitWriter } from '../bits/bit-writer.ts';
import { mutate, seededRandom } from '../bits/fuzz.ts';
import { escapeRbsp } from '../bits/rbsp.ts';
import { H265ParseError } from './h265-parse-error.ts';
import { h265CodecString } from './profile-tier-level.ts';
import { skipShortTermRefPicSets } from './sps-skip.ts';
import { parseH265Sps } from './sps.ts';
import { parseH265Vps } from './vps.ts';

/** VPS/SPS NAL units produced once with ffmpeg 4.x/libx265; expectations from ffprobe. */
const VECTORS = [
  {
    name: 'Main 1920x1080 25 fps',
    vps: '40010c01ffff016000000300900000030000030078959809',
    sps: '420101016000000300900000030000030078a003c08010e596566924caf010100000030010000003019080',
    want: { width: 1920, height: 1080, chromaFormatIdc: 1, bitDepthLuma: 8, maxSubLayers: 1 },
    fps: 25,
    codec: 'hvc1.1.6.L120.90',
  },
  {
    name: 'Main 1280x720 30 fps',
    vps: '40010c01ffff01600000030090000003000003005d959809',
    sps: '42010101600000030090000003000003005da00280802d165959a4932bc04040000003004000000782',
    want: { width: 1280, height: 720, codedWidth: 1280, codedHeight: 720 },
    fps: 30,
    codec: 'hvc1.1.6.L93.90',
  },
  {
    name: 'Main 1366x766 at 30000/1001 (conformance window)',
    vps: '40010c01ffff016000000300900000030000030078959809',
    sps: '420101016000000300900000030000030078a002ac80301d565959a4932bc040400000fa40001d4c02',
    want: { width: 1366, height: 766, codedWidth: 1368, codedHeight: 768 },
    fps: 30000 / 1001,
    codec: 'hvc1.1.6.L120.90',
  },
  {
    name: 'Range extensions 4:4:4 1280x720',
    vps: '40010c01ffff0408000003009e0800000300005d959809',
    sps: '4201010408000003009e0800000300005d9000501005a2cb2b349265780808000003000800000300c840',
    want: { width: 1280, height: 720, chromaFormatIdc: 3 },
    fps: 25,
    codec: 'hvc1.4.10.L93.9E.08',
  },
];

const hex = (h: string): Uint8Array => Uint8Array.from(Buffer.from(h, 'hex'));

describe('parseH265Sps / parseH265Vps', () => {
  for (const v of VECTORS) {
    it(`parses ${v.name}`, () => {
      const sps = parseH265Sps(hex(v.sps));
      expect(sps).toMatchObject(v.want);
      expect(sps.frameRate).toBeCloseTo(v.fps, 6);
      expect(sps.codecString).toBe(v.codec);
      const vps = parseH265Vps(hex(v.vps));
      expect(vps.ptl).toEqual(sps.ptl);
      expect(vps.maxSubLayers).toBe(sps.maxSubLayers);
    });
  }

  it('reads the Main profile fields that hvcC needs', () => {
    const sps = parseH265Sps(hex(VECTORS[0]?.sps ?? ''));
    expect(sps.ptl).toEqual({
      profileSpace: 0,
      tierFlag: false,
      profileIdc: 1,
      compatibilityFlags: 0x60000000,
      constraintFlags: Uint8Array.from([0x90, 0, 0, 0, 0, 0]),
      levelIdc: 120,
    });
    expect(sps.temporalIdNesting).toBe(true);
  });

  it('formats codec strings per ISO/IEC 14496-15 annex E', () => {
    const ptl = {
      profileSpace: 1,
      tierFlag: true,
      profileIdc: 2,
      compatibilityFlags: 0x20000000, // flag 2
      constraintFlags: Uint8Array.from([0xb0, 0, 0x01, 0, 0, 0]),
      levelIdc: 153,
    };
    expect(h265CodecString(ptl)).toBe('hvc1.A2.4.H153.B0.00.01');
    expect(
      h265CodecString({ ...ptl, profileSpace: 0, constraintFlags: new Uint8Array(6) }, 'hev1'),
    ).toBe('hev1.2.4.H153');
  });

  it('walks inter-predicted reference picture sets', () => {
    const w = new BitWriter();
    w.writeUE(1).writeUE(1).writeUE(0).writeBit(1).writeUE(1).writeBit(1); // set 0: 2 pictures
    w.writeBit(1).writeBit(0).writeUE(0); // set 1 predicted from set 0
    w.writeBit(1).writeBit(0).writeBit(1).writeBit(0).writeBit(0); // 3 entries, 2 used
    w.writeBit(1).writeBit(0).writeUE(0); // set 2 predicted from set 1 (2 deltas -> 3 entries)
    w.writeBit(0).writeBit(0).writeBit(0).writeBit(1).writeBit(1); // 3 entries
    w.writeBits(3, 0b101); // marker
    const r = new BitReader(w.finishRbsp());
    skipShortTermRefPicSets(r, 3);
    expect(r.readBits(3)).toBe(0b101);
  });

  it('names what is wrong', () => {
    expect(() => parseH265Sps(hex('4401c172b46240'))).toThrow(/type is 34, not 33/);
    expect(() => parseH265Sps(hex('42'))).toThrow(/shorter than its header/);
    expect(() => parseH265Sps(hex('420101016000'))).toThrow(/H.265 SPS: data ends before/);
    expect(() => parseH265Vps(hex('40010c01fffe016000000300900000030000030078959809'))).toThrow(
      /vps_reserved_0xffff_16bits/,
    );
  });

  it('fuzz: mutated VPS/SPS throw only H265ParseError', () => {
    const rand = seededRandom(265);
    for (let i = 0; i < 4000; i++) {
      const v = VECTORS[i % VECTORS.length];
      const isSps = i % 4 !== 0;
      const input = mutate(hex((isSps ? v?.sps : v?.vps) ?? ''), rand);
      try {
        if (isSps) {
          const sps = parseH265Sps(input);
          expect(sps.width).toBeGreaterThan(0);
          expect(sps.height).toBeGreaterThan(0);
        } else {
          parseH265Vps(input);
        }
      } catch (e) {
        expect(e).toBeInstanceOf(H265ParseError);
      }
    }
  });

  it('parses a synthetic SPS with explicit scaling lists up to its VUI timing', () => {
    const w = new BitWriter().writeBits(4, 0).writeBits(3, 0).writeBit(1);
    w.writeBits(2, 0).writeBit(0).writeBits(5, 1).writeBits(32, 0x60000000);
    w.writeBits(32, 0x90000000).writeBits(16, 0).writeBits(8, 93);
    w.writeUE(0).writeUE(1).writeUE(1280).writeUE(720).writeBit(0).writeUE(0).writeUE(0);
    w.writeUE(4).writeBit(1).writeUE(4).writeUE(0).writeUE(0); // poc lsb, ordering info
    for (let i = 0; i < 6; i++) w.writeUE(i < 4 ? 0 : 1); // block sizes, hierarchy depths
    w.writeBit(1).writeBit(1); // scaling lists present
    for (let sizeId = 0; sizeId < 4; sizeId++) {
      for (let m = 0; m < 6; m += sizeId === 3 ? 3 : 1) {
        const explicit = (sizeId + m) % 2 === 0;
        w.writeFlag(explicit);
        if (!explicit) {
          w.writeUE(0);
          continue;
        }
        if (sizeId > 1) w.writeSE(8);
        for (let k = 0; k < Math.min(64, 1 << (4 + 2 * sizeId)); k++)
          w.writeSE(k % 3 === 0 ? 1 : -1);
      }
    }
    w.writeBit(0).writeBit(1).writeBit(1); // amp, sao, pcm
    w.writeBits(8, 0x77).writeUE(0).writeUE(1).writeBit(0);
    w.writeUE(1).writeUE(1).writeUE(0).writeUE(0).writeBit(1); // one RPS with one picture
    w.writeBit(0).writeBit(1).writeBit(1).writeBit(1); // no LT, tmvp, strong intra, VUI
    w.writeBit(0).writeBit(0).writeBit(0).writeBit(0).writeBits(3, 0).writeBit(0);
    w.writeBit(1).writeBits(32, 1).writeBits(32, 50);
    const sps = parseH265Sps(Uint8Array.from([0x42, 0x01, ...escapeRbsp(w.finishRbsp())]));
    expect(sps).toMatchObject({ width: 1280, height: 720, frameRate: 50 });
  });
});
