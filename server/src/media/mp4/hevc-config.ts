import type { H265Sps } from '../h265/sps.ts';
import type { H265Params } from '../types.ts';
import { nalLength, readSets } from './avc-config.ts';
import { ByteWriter } from './box-writer.ts';
import { Mp4Error } from './mp4-error.ts';

/**
 * The HEVCDecoderConfigurationRecord (ISO/IEC 14496-15 8.3.3.1), payload of the `hvcC` box:
 * profile/tier/level, chroma and bit depth, temporal layers, NAL length size (always 4 here) and
 * one complete array each of VPS, SPS and PPS (array_completeness = 1, as `hvc1` requires).
 */

const VPS = 32;
const SPS = 33;
const PPS = 34;

/** Builds the `hvcC` payload from the parameter sets and the parsed SPS. */
export function buildHevcConfig(params: H265Params, sps: H265Sps): Uint8Array {
  const { ptl } = sps;
  const w = new ByteWriter()
    .u8(1)
    .u8((ptl.profileSpace << 6) | (ptl.tierFlag ? 0x20 : 0) | ptl.profileIdc)
    .u32(ptl.compatibilityFlags)
    .bytes(ptl.constraintFlags)
    .u8(ptl.levelIdc)
    .u16(0xf000) // min_spatial_segmentation_idc = 0 (unknown)
    .u8(0xfc) // parallelismType = 0 (unknown)
    .u8(0xfc | sps.chromaFormatIdc)
    .u8(0xf8 | (sps.bitDepthLuma - 8))
    .u8(0xf8 | (sps.bitDepthChroma - 8))
    .u16(0) // avgFrameRate unknown
    .u8((sps.maxSubLayers << 3) | (sps.temporalIdNesting ? 4 : 0) | 3) // lengthSizeMinusOne = 3
    .u8(3);
  for (const [type, nal] of [
    [VPS, params.vps],
    [SPS, params.sps],
    [PPS, params.pps],
  ] as const) {
    w.u8(0x80 | type)
      .u16(1)
      .u16(nal.length)
      .bytes(nal);
  }
  return w.finish();
}

/** What an `hvcC` box holds: the first VPS, SPS and PPS and the NAL length size. */
export interface HevcConfig {
  params: H265Params;
  nalLengthSize: 1 | 2 | 4;
}

/** Parses an `hvcC` payload. Throws `Mp4Error` when malformed or a parameter set is missing. */
export function parseHevcConfig(b: Uint8Array): HevcConfig {
  if (b.length < 23) throw new Mp4Error(`hvcC is ${b.length} bytes, shorter than 23`);
  if (b[0] !== 1) throw new Mp4Error(`hvcC configurationVersion is ${b[0] ?? '?'}, not 1`);
  const nalLengthSize = nalLength(((b[21] ?? 0) & 3) + 1);
  const arrays = b[22] ?? 0;
  const found = new Map<number, Uint8Array>();
  const cursor = { o: 23 };
  for (let i = 0; i < arrays; i++) {
    if (cursor.o + 3 > b.length) throw new Mp4Error('hvcC ends inside its NAL unit arrays');
    const type = (b[cursor.o] ?? 0) & 0x3f;
    const count = ((b[cursor.o + 1] ?? 0) << 8) | (b[cursor.o + 2] ?? 0);
    cursor.o += 3;
    const first = readSets(b, cursor, `NAL unit type ${type}`, count)[0];
    if (first !== undefined && !found.has(type)) found.set(type, first);
  }
  const vps = found.get(VPS);
  const sps = found.get(SPS);
  const pps = found.get(PPS);
  if (vps === undefined) throw new Mp4Error('hvcC has no VPS');
  if (sps === undefined) throw new Mp4Error('hvcC has no SPS');
  if (pps === undefined) throw new Mp4Error('hvcC has no PPS');
  return { params: { codec: 'h265', vps, sps, pps }, nalLengthSize };
}
