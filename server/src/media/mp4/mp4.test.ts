import { describe, expect, it } from 'vitest';
import { toAvcc } from '../bits/avcc.ts';
import { mutate, randomInt, seededRandom } from '../bits/fuzz.ts';
import type { CodecParams } from '../types.ts';
import { box } from './box-writer.ts';
import { readBoxes, readBoxHeader } from './box-reader.ts';
import { codecInfo } from './codec-info.ts';
import { readFragmentSamples } from './fragment-reader.ts';
import { scanFragments } from './fragment-scanner.ts';
import { writeFragment, writeFragmentHead } from './fragment-writer.ts';
import { parseInitSegment } from './init-parser.ts';
import { writeInitSegment } from './init-writer.ts';
import { Mp4Error } from './mp4-error.ts';

const hex = (h: string): Uint8Array => Uint8Array.from(Buffer.from(h, 'hex'));

/** Parameter sets of real 1080p streams (see the SPS tests). */
const H264: CodecParams = {
  codec: 'h264',
  sps: hex('67640028acd940780227e5c044000003000400000300c83c60c658'),
  pps: hex('68ebe3cb22c0'),
};
const H265: CodecParams = {
  codec: 'h265',
  vps: hex('40010c01ffff016000000300900000030000030078959809'),
  sps: hex(
    '420101016000000300900000030000030078a003c08010e596566924caf010100000030010000003019080',
  ),
  pps: hex('4401c172b46240'),
};

const sample = (
  n: number,
  isKey = false,
): { data: Uint8Array; isKey: boolean; durationTicks: number } => ({
  data: toAvcc([new Uint8Array(n).fill(isKey ? 0x65 : 0x41)]),
  isKey,
  durationTicks: 3600,
});

/** A small file: init + three fragments of three samples. */
function smallFile(params: CodecParams): Uint8Array {
  const parts = [writeInitSegment(params, { timescale: 90000 })];
  for (let f = 0; f < 3; f++) {
    parts.push(
      writeFragment({
        sequenceNumber: f + 1,
        baseMediaDecodeTime: f * 3 * 3600,
        samples: [sample(20 + f, true), sample(9), sample(5)],
      }),
    );
  }
  return new Uint8Array(Buffer.concat(parts));
}

describe('init segment', () => {
  it('has ftyp and moov with the expected boxes, and reads back', () => {
    for (const params of [H264, H265]) {
      const init = writeInitSegment(params, { timescale: 90000 });
      expect([...readBoxes(init)].map((b) => b.type)).toEqual(['ftyp', 'moov']);
      const text = Buffer.from(init).toString('latin1');
      for (const t of [
        'mvhd',
        'tkhd',
        'mdhd',
        'hdlr',
        'vmhd',
        'dref',
        'stts',
        'stsc',
        'stsz',
        'stco',
        'trex',
      ]) {
        expect(text).toContain(t);
      }
      const info = parseInitSegment(init);
      expect(info).toMatchObject({
        codec: params.codec,
        width: 1920,
        height: 1080,
        initLength: init.length,
      });
      expect(info.params).toEqual(params);
      expect(info.codecString).toBe(params.codec === 'h264' ? 'avc1.640028' : 'hvc1.1.6.L120.90');
    }
  });

  it('lets the caller override the display size and rejects bad input', () => {
    const info = parseInitSegment(
      writeInitSegment(H264, { timescale: 1000, width: 1280, height: 720 }),
    );
    expect(info).toMatchObject({ width: 1280, height: 720, timescale: 1000 });
    expect(() => writeInitSegment(H264, { timescale: 0 })).toThrow(/timescale 0/);
    expect(() => writeInitSegment({ ...H264, sps: hex('6764') }, { timescale: 90000 })).toThrow(
      Mp4Error,
    );
    expect(() => writeInitSegment(H264, { timescale: 90000, width: 70000 })).toThrow(
      /does not fit/,
    );
  });

  it('exposes the codec string and size for MSE', () => {
    expect(codecInfo(H265)).toMatchObject({
      codecString: 'hvc1.1.6.L120.90',
      width: 1920,
      frameRate: 25,
    });
  });
});

describe('fragments', () => {
  it('writes moof + mdat with a data offset pointing at the first sample', () => {
    const frag = writeFragment({
      sequenceNumber: 7,
      baseMediaDecodeTime: 2 ** 40,
      samples: [sample(10, true), sample(4)],
    });
    const [moof, mdat] = [...readBoxes(frag)];
    expect([moof?.type, mdat?.type]).toEqual(['moof', 'mdat']);
    const samples = readFragmentSamples(frag, { start: 0, end: frag.length });
    expect(samples.map((s) => [s.offset, s.size, s.isKey, s.decodeTime])).toEqual([
      [(mdat?.start ?? 0) + 8, 14, true, 2 ** 40],
      [(mdat?.start ?? 0) + 22, 8, false, 2 ** 40 + 3600],
    ]);
    const scan = scanFragments(frag);
    expect(scan.fragments[0]).toMatchObject({
      sequenceNumber: 7,
      sampleCount: 2,
      durationTicks: 7200,
    });
  });

  it('writes the head alone: head then the samples is the whole fragment', () => {
    const data = [new Uint8Array([0, 0, 0, 2, 0x65, 1]), new Uint8Array([0, 0, 0, 1, 0x41])];
    const input = {
      sequenceNumber: 3,
      baseMediaDecodeTime: 90_000,
      samples: data.map((d, i) => ({ data: d, durationTicks: 3600, isKey: i === 0 })),
    };
    const whole = writeFragment(input);
    const head = writeFragmentHead(input);
    expect(head.length).toBe(whole.length - 11);
    expect(Buffer.concat([head, ...data]).equals(whole)).toBe(true);
  });

  it('writes samples given as NAL units exactly as their length-prefixed form', () => {
    const nalus = [new Uint8Array([0x67, 1, 2]), new Uint8Array([0x68, 3]), new Uint8Array(300)];
    const input = { sequenceNumber: 2, baseMediaDecodeTime: 90_000 };
    const timing = { isKey: true, durationTicks: 3600 };
    const fromNalus = writeFragment({ ...input, samples: [{ nalus, ...timing }, sample(5)] });
    const fromData = writeFragment({
      ...input,
      samples: [{ data: toAvcc(nalus), ...timing }, sample(5)],
    });
    expect(fromNalus).toEqual(fromData);
  });

  it('carries signed composition offsets', () => {
    const frag = writeFragment({
      sequenceNumber: 1,
      baseMediaDecodeTime: 0,
      samples: [
        { ...sample(3, true), compositionOffsetTicks: 7200 },
        { ...sample(3), compositionOffsetTicks: -3600 },
        sample(3),
      ],
    });
    expect(
      readFragmentSamples(frag, { start: 0, end: frag.length }).map(
        (s) => s.compositionOffsetTicks,
      ),
    ).toEqual([7200, -3600, 0]);
  });

  it('rejects what cannot be written', () => {
    const ok = { sequenceNumber: 1, baseMediaDecodeTime: 0, samples: [sample(1)] };
    expect(() => writeFragment({ ...ok, samples: [] })).toThrow(/at least one sample/);
    expect(() => writeFragment({ ...ok, sequenceNumber: -1 })).toThrow(/sequenceNumber/);
    expect(() => writeFragment({ ...ok, baseMediaDecodeTime: 1.5 })).toThrow(/baseMediaDecodeTime/);
    expect(() =>
      writeFragment({ ...ok, samples: [{ ...sample(1), durationTicks: 2 ** 32 }] }),
    ).toThrow(/samples\[0\].durationTicks/);
  });
});

describe('reading boxes', () => {
  it('handles 64-bit sizes and size 0, and checks bounds', () => {
    const large = Uint8Array.from([
      0,
      0,
      0,
      1,
      ...Buffer.from('free'),
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      18,
      1,
      2,
    ]);
    expect(readBoxHeader(large, 0)).toEqual({ type: 'free', start: 0, headerSize: 16, end: 18 });
    const open = Uint8Array.from([0, 0, 0, 0, ...Buffer.from('mdat'), 9, 9]);
    expect(readBoxHeader(open, 0)?.end).toBe(10);
    expect(readBoxHeader(open, 4)).toBeUndefined();
    expect(() => [...readBoxes(box('free', new Uint8Array(4)).subarray(0, 10))]).toThrow(
      /past the end/,
    );
    expect(() => readBoxHeader(Uint8Array.from([0, 0, 0, 5, 1, 2, 3, 4]), 0)).toThrow(/size 5/);
  });
});

describe('scanFragments on damaged files', () => {
  const file = smallFile(H264);
  const full = scanFragments(file);

  it('reports a clean file as fully valid', () => {
    expect(full).toMatchObject({ tornBytes: 0, problem: undefined });
    expect(full.fragments.map((f) => [f.sampleCount, f.startsWithKey, f.durationTicks])).toEqual([
      [3, true, 10800],
      [3, true, 10800],
      [3, true, 10800],
    ]);
  });

  it('stops at a zero-filled tail, a moof without mdat, and garbage', () => {
    const last = full.fragments[2];
    const zeros = new Uint8Array(Buffer.concat([file, new Uint8Array(4096)]));
    expect(scanFragments(zeros)).toMatchObject({ validLength: file.length, tornBytes: 4096 });
    const moofOnly = file.subarray(0, (last?.start ?? 0) + 100);
    const s = scanFragments(moofOnly);
    expect(s.validLength).toBe(last?.start);
    expect(s.fragments).toHaveLength(2);
    const garbage = new Uint8Array(
      Buffer.concat([file, Buffer.from('\x00\x00\x00\x10\xff\xfe\xfd\xfcxxxxxxxx')]),
    );
    expect(scanFragments(garbage).problem).toMatch(/not a box/);
  });

  it('rejects a fragment whose samples run outside its mdat', () => {
    const broken = Uint8Array.from(file);
    const f = full.fragments[1];
    // Grow the first sample size in the trun: the samples then overflow the mdat.
    const trunAt = Buffer.from(broken).indexOf('trun', f?.start ?? 0) - 4;
    const firstSize = trunAt + 8 + 4 + 4 + 4 + 4; // header, version/flags, count, data_offset, duration
    broken[firstSize + 2] = 0x40;
    const s = scanFragments(broken);
    expect(s.fragments).toHaveLength(1);
    expect(s.validLength).toBe(f?.start);
    expect(s.problem).toMatch(/outside the 'mdat'/);
  });
});

describe('fuzz', () => {
  it('readers throw only Mp4Error, and scanFragments never throws', () => {
    const rand = seededRandom(14496);
    const seeds = [smallFile(H264), smallFile(H265)];
    for (let i = 0; i < 3000; i++) {
      const input = mutate(seeds[i % 2] ?? new Uint8Array(0), rand, 1 + randomInt(rand, 6));
      const scan = scanFragments(input);
      expect(scan.validLength).toBeLessThanOrEqual(input.length);
      const attempts: (() => unknown)[] = [
        () => parseInitSegment(input),
        () => [...readBoxes(input)],
        ...scan.fragments.map((f) => () => readFragmentSamples(input, f)),
        () =>
          readFragmentSamples(input, { start: randomInt(rand, input.length), end: input.length }),
      ];
      for (const attempt of attempts) {
        try {
          attempt();
        } catch (e) {
          expect(e).toBeInstanceOf(Mp4Error);
        }
      }
    }
  });
});
