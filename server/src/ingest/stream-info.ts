/**
 * Decoder configurations: `streamInfoOf` turns one into the StreamInfo (size, codec string) from
 * its SPS; `sameParams` tells whether the camera changed it.
 */
import { parseH264Sps, parseH265Sps } from '../media/index.ts';
import type { CodecParams } from '../media/index.ts';
import type { StreamInfo } from './types.ts';

/** The StreamInfo of a configuration; throws the SPS parser's error when the SPS is malformed. */
export function streamInfoOf(params: CodecParams): StreamInfo {
  const sps = params.codec === 'h264' ? parseH264Sps(params.sps) : parseH265Sps(params.sps);
  return { params, width: sps.width, height: sps.height, codecString: sps.codecString };
}

function sameBytes(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** True when two configurations are byte-for-byte the same. */
export function sameParams(a: CodecParams | undefined, b: CodecParams | undefined): boolean {
  if (!a || !b) return a === b;
  if (a.codec !== b.codec || !sameBytes(a.sps, b.sps) || !sameBytes(a.pps, b.pps)) return false;
  return a.codec === 'h264' || b.codec === 'h264' || sameBytes(a.vps, b.vps);
}
