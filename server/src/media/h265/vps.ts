import { BitReader } from '../bits/bit-reader.ts';
import { BitstreamError } from '../bits/bitstream-error.ts';
import { unescapeRbsp } from '../bits/rbsp.ts';
import { H265ParseError } from './h265-parse-error.ts';
import { readProfileTierLevel } from './profile-tier-level.ts';
import type { ProfileTierLevel } from './profile-tier-level.ts';

/** The start of an H.265 video parameter set (7.3.2.1): its id, sub-layers and profile. */
export interface H265Vps {
  vpsId: number;
  /** vps_max_sub_layers_minus1 + 1. */
  maxSubLayers: number;
  temporalIdNesting: boolean;
  ptl: ProfileTierLevel;
}

/**
 * Parses the start of a VPS NAL unit (with its 2-byte NAL header, emulation prevention in place)
 * up to and including profile_tier_level. Throws `H265ParseError` when malformed.
 */
export function parseH265Vps(nalu: Uint8Array): H265Vps {
  const type = ((nalu[0] ?? 0) >>> 1) & 0x3f;
  if (nalu.length < 2) throw new H265ParseError('VPS: NAL unit shorter than its header');
  if (type !== 32) throw new H265ParseError(`VPS: NAL unit type is ${type}, not 32 (VPS)`);
  const r = new BitReader(unescapeRbsp(nalu), 2);
  try {
    const vpsId = r.readBits(4, 'vps_video_parameter_set_id');
    r.skipBits(8, 'vps_base_layer flags and vps_max_layers_minus1');
    const maxSubLayersMinus1 = r.readBits(3, 'vps_max_sub_layers_minus1');
    if (maxSubLayersMinus1 > 6) {
      throw new BitstreamError(`vps_max_sub_layers_minus1 is ${maxSubLayersMinus1}, more than 6`);
    }
    const temporalIdNesting = r.readFlag('vps_temporal_id_nesting_flag');
    const reserved = r.readBits(16, 'vps_reserved_0xffff_16bits');
    if (reserved !== 0xffff) {
      throw new BitstreamError(`vps_reserved_0xffff_16bits is 0x${reserved.toString(16)}`);
    }
    const ptl = readProfileTierLevel(r, maxSubLayersMinus1);
    return { vpsId, maxSubLayers: maxSubLayersMinus1 + 1, temporalIdNesting, ptl };
  } catch (e) {
    if (e instanceof BitstreamError) throw new H265ParseError(`VPS: ${e.message}`, e);
    throw e;
  }
}
