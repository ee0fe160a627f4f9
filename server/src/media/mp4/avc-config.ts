import type { H264Sps } from '../h264/sps.ts';
import type { H264Params } from '../types.ts';
import { ByteWriter } from './box-writer.ts';
import { Mp4Error } from './mp4-error.ts';

/**
 * The AVCDecoderConfigurationRecord (ISO/IEC 14496-15 5.3.3.1), payload of the `avcC` box:
 * profile, level, NAL length size (always 4 here), one SPS and one PPS.
 */

/** Builds the `avcC` payload from the parameter sets and the parsed SPS. */
export function buildAvcConfig(params: H264Params, sps: H264Sps): Uint8Array {
  const w = new ByteWriter()
    .u8(1)
    .u8(sps.profileIdc)
    .u8(sps.constraintFlags)
    .u8(sps.levelIdc)
    .u8(0xfc | 3) // lengthSizeMinusOne = 3
    .u8(0xe0 | 1)
    .u16(params.sps.length)
    .bytes(params.sps)
    .u8(1)
    .u16(params.pps.length)
    .bytes(params.pps);
  // The chroma and bit-depth extension, present for every profile beyond Baseline/Main/Extended.
  if (sps.profileIdc !== 66 && sps.profileIdc !== 77 && sps.profileIdc !== 88) {
    w.u8(0xfc | sps.chromaFormatIdc)
      .u8(0xf8 | (sps.bitDepthLuma - 8))
      .u8(0xf8 | (sps.bitDepthChroma - 8))
      .u8(0);
  }
  return w.finish();
}

/** What an `avcC` box holds: the first SPS and PPS and the NAL length size. */
export interface AvcConfig {
  params: H264Params;
  nalLengthSize: 1 | 2 | 4;
}

/** Parses an `avcC` payload. Throws `Mp4Error` when it is malformed or has no SPS or PPS. */
export function parseAvcConfig(b: Uint8Array): AvcConfig {
  if (b.length < 7) throw new Mp4Error(`avcC is ${b.length} bytes, shorter than 7`);
  if (b[0] !== 1) throw new Mp4Error(`avcC configurationVersion is ${b[0] ?? '?'}, not 1`);
  const nalLengthSize = nalLength(((b[4] ?? 0) & 3) + 1);
  const cursor = { o: 6 };
  const sps = readSets(b, cursor, 'SPS', (b[5] ?? 0) & 0x1f)[0];
  if (cursor.o >= b.length) throw new Mp4Error('avcC ends before the PPS count');
  const ppsCount = b[cursor.o] ?? 0;
  cursor.o += 1;
  const pps = readSets(b, cursor, 'PPS', ppsCount)[0];
  if (sps === undefined) throw new Mp4Error('avcC has no SPS');
  if (pps === undefined) throw new Mp4Error('avcC has no PPS');
  return { params: { codec: 'h264', sps, pps }, nalLengthSize };
}

/** Reads `count` 16-bit-length-prefixed parameter sets (copies) at `cursor.o`, advancing it. */
export function readSets(
  b: Uint8Array,
  cursor: { o: number },
  what: string,
  count: number,
): Uint8Array[] {
  const sets: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    if (cursor.o + 2 > b.length) throw new Mp4Error(`decoder configuration ends inside ${what}`);
    const len = ((b[cursor.o] ?? 0) << 8) | (b[cursor.o + 1] ?? 0);
    const start = cursor.o + 2;
    if (start + len > b.length)
      throw new Mp4Error(`decoder configuration ${what} runs past the box`);
    sets.push(b.slice(start, start + len));
    cursor.o = start + len;
  }
  return sets;
}

/** Narrows a NAL length size to the values ISO/IEC 14496-15 allows. */
export function nalLength(n: number): 1 | 2 | 4 {
  if (n === 1 || n === 2 || n === 4) return n;
  throw new Mp4Error(`NAL length size ${n} is not 1, 2 or 4`);
}
