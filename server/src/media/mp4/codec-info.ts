import { parseH264Sps } from '../h264/sps.ts';
import type { H264Sps } from '../h264/sps.ts';
import { parseH265Sps } from '../h265/sps.ts';
import type { H265Sps } from '../h265/sps.ts';
import type { CodecParams } from '../types.ts';
import { buildAvcConfig } from './avc-config.ts';
import { buildHevcConfig } from './hevc-config.ts';
import { Mp4Error } from './mp4-error.ts';

/** What the MP4 code needs to know about a stream's decoder configuration. */
export interface CodecInfo {
  /** RFC 6381 / ISO/IEC 14496-15 codec string for MSE, e.g. `avc1.640028`, `hvc1.1.6.L120.90`. */
  codecString: string;
  /** Display size from the SPS. */
  width: number;
  height: number;
  /** Frame-rate hint from the SPS VUI, if present. */
  frameRate: number | undefined;
  /** The sample entry type: `avc1` or `hvc1`. */
  sampleEntry: 'avc1' | 'hvc1';
  /** The decoder configuration box type and payload. */
  configBox: 'avcC' | 'hvcC';
  configPayload: Uint8Array;
}

/** Parses the SPS of `params` and builds the decoder configuration; throws `Mp4Error` if bad. */
export function codecInfo(params: CodecParams): CodecInfo {
  if (params.codec === 'h264') {
    const sps: H264Sps = parse(() => parseH264Sps(params.sps));
    return {
      codecString: sps.codecString,
      width: sps.width,
      height: sps.height,
      frameRate: sps.frameRate,
      sampleEntry: 'avc1',
      configBox: 'avcC',
      configPayload: buildAvcConfig(params, sps),
    };
  }
  const sps: H265Sps = parse(() => parseH265Sps(params.sps));
  return {
    codecString: sps.codecString,
    width: sps.width,
    height: sps.height,
    frameRate: sps.frameRate,
    sampleEntry: 'hvc1',
    configBox: 'hvcC',
    configPayload: buildHevcConfig(params, sps),
  };
}

function parse<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw new Mp4Error(`bad SPS: ${e instanceof Error ? e.message : String(e)}`, e);
  }
}
