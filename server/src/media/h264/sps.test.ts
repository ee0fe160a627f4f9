import { describe, expect, it } from 'vitest';
import { BitWriter } from '../bits/bit-writer.ts';
import { mutate, seededRandom } from '../bits/fuzz.ts';
import { escapeRbsp } from '../bits/rbsp.ts';
import { H264SpsError, h264CodecString, parseH264Sps } from './sps.ts';

/**
 * SPS NAL units produced once with ffmpeg 4.x/libx264 from `testsrc2`; the expected values are
 * what ffprobe reported for the same streams.
 */
const VECTORS = [
  {
    name: 'High 1920x1080 25 fps',
    hex: '67640028acd940780227e5c044000003000400000300c83c60c658',
    want: { profileIdc: 100, levelIdc: 40, width: 1920, height: 1080, codedHeight: 1088 },
    fps: 25,
    codec: 'avc1.640028',
  },
  {
    name: 'Main 1280x720 30 fps',
    hex: '674d401feca02802dd8088000003000800000301e078c18cb0',
    want: { profileIdc: 77, constraintFlags: 0x40, levelIdc: 31, width: 1280, height: 720 },
    fps: 30,
    codec: 'avc1.4d401f',
  },
  {
    name: 'Constrained Baseline 1280x720',
    hex: '6742c01fd9005005bb011000000300100000030320f1832480',
    want: { profileIdc: 66, constraintFlags: 0xc0, width: 1280, height: 720 },
    fps: 25,
    codec: 'avc1.42c01f',
  },
  {
    name: 'Constrained Baseline 1920x1080',
    hex: '6742c028d900780227e5c044000003000400000300c83c60c920',
    want: { width: 1920, height: 1080, codedWidth: 1920, codedHeight: 1088 },
    fps: 25,
    codec: 'avc1.42c028',
  },
  {
    name: 'High 4:4:4 Predictive 1280x720',
    hex: '67f4001f919b280a00b76022000003000200000300641e30632c',
    want: { profileIdc: 244, chromaFormatIdc: 3, width: 1280, height: 720 },
    fps: 25,
    codec: 'avc1.f4001f',
  },
  {
    name: 'High interlaced (tff) 1920x1080',
    hex: '67640028acd94078044fde0220000003002000000643e2c5b2c0',
    want: { frameMbsOnly: false, width: 1920, height: 1080, codedHeight: 1088 },
    fps: 25,
    codec: 'avc1.640028',
  },
  {
    name: 'High 1366x766 at 30000/1001 (odd size, cropping right and bottom)',
    hex: '67640020acd94056061e6ac04400000fa40003a9803c60c658',
    want: { width: 1366, height: 766, codedWidth: 1376, codedHeight: 768 },
    fps: 30000 / 1001,
    codec: 'avc1.640020',
  },
];

const hex = (h: string): Uint8Array => Uint8Array.from(Buffer.from(h, 'hex'));

describe('parseH264Sps', () => {
  for (const v of VECTORS) {
    it(`parses ${v.name}`, () => {
      const sps = parseH264Sps(hex(v.hex));
      expect(sps).toMatchObject(v.want);
      expect(sps.frameRate).toBeCloseTo(v.fps, 6);
      expect(sps.codecString).toBe(v.codec);
      expect(sps.bitDepthLuma).toBe(8);
    });
  }

  it('skips SPS scaling lists and honours 4:2:2 cropping units', () => {
    const w = new BitWriter().writeBits(8, 122).writeBits(8, 0).writeBits(8, 41).writeUE(0);
    w.writeUE(2).writeUE(2).writeUE(2).writeBit(0); // 4:2:2, 10-bit, no bypass
    w.writeBit(1); // seq_scaling_matrix_present_flag
    for (let i = 0; i < 8; i++) {
      w.writeFlag(i !== 3);
      if (i === 3) continue;
      const size = i < 6 ? 16 : 64;
      // A few real deltas, then delta -8 makes nextScale 0 (use the rest as is).
      for (let j = 0; j < Math.min(size, 5); j++) w.writeSE(j === 4 ? -(8 + 4 * 3) : 3);
    }
    w.writeUE(0).writeUE(0).writeUE(4); // log2_max_frame_num, poc type 0, log2_max_poc_lsb
    w.writeUE(2).writeBit(0).writeUE(119).writeUE(67).writeBit(1).writeBit(1); // 1920x1088 frames
    w.writeBit(1).writeUE(0).writeUE(0).writeUE(0).writeUE(8); // crop 8 rows (1 unit per row)
    w.writeBit(1).writeBit(1).writeBits(8, 255).writeBits(16, 4).writeBits(16, 3); // SAR 4:3
    w.writeBits(3, 0).writeBit(1).writeBits(32, 1001).writeBits(32, 60000).writeBit(1);
    const sps = parseH264Sps(Uint8Array.from([0x67, ...escapeRbsp(w.finishRbsp())]));
    expect(sps).toMatchObject({
      profileIdc: 122,
      chromaFormatIdc: 2,
      bitDepthLuma: 10,
      width: 1920,
      height: 1080,
      sarWidth: 4,
      sarHeight: 3,
      codecString: 'avc1.7a0029',
    });
    expect(sps.frameRate).toBeCloseTo(29.97, 2);
  });

  it('keeps the core fields when the VUI is cut off', () => {
    const full = hex(VECTORS[0]?.hex ?? '');
    const sps = parseH264Sps(full.subarray(0, 12));
    expect(sps).toMatchObject({ width: 1920, height: 1080, frameRate: undefined });
  });

  it('names what is wrong', () => {
    expect(() => parseH264Sps(new Uint8Array(0))).toThrow(/empty NAL unit/);
    expect(() => parseH264Sps(hex('68ebe3cb22c0'))).toThrow(/type is 8, not 7/);
    expect(() => parseH264Sps(hex('67640028ac'))).toThrow(H264SpsError);
    expect(() => parseH264Sps(hex('67640028ac'))).toThrow(/H.264 SPS: data ends before/);
  });

  it('formats codec strings as six hex digits', () => {
    expect(h264CodecString(66, 0xe0, 30)).toBe('avc1.42e01e');
  });

  it('fuzz: mutated SPS throw only H264SpsError and never give absurd sizes', () => {
    const rand = seededRandom(264);
    for (let i = 0; i < 4000; i++) {
      const seed = hex(VECTORS[i % VECTORS.length]?.hex ?? '');
      const input = mutate(seed, rand);
      try {
        const sps = parseH264Sps(input);
        expect(sps.width).toBeGreaterThan(0);
        expect(sps.width).toBeLessThanOrEqual(16384);
        expect(sps.height).toBeGreaterThan(0);
        expect(sps.height).toBeLessThanOrEqual(32768);
      } catch (e) {
        expect(e).toBeInstanceOf(H264SpsError);
      }
    }
  });
});
