import type { BitReader } from '../bits/bit-reader.ts';

/**
 * H.265 profile_tier_level() (7.3.3) and the codec string built from it (ISO/IEC 14496-15
 * annex E). Only the general (whole-stream) values are kept; sub-layer values are skipped.
 */

/** The general profile, tier and level of an H.265 stream. */
export interface ProfileTierLevel {
  /** general_profile_space, 0..3 (0 in every real stream). */
  profileSpace: number;
  /** general_tier_flag: false Main tier, true High tier. */
  tierFlag: boolean;
  /** general_profile_idc: 1 Main, 2 Main 10, 3 Main Still Picture, 4 range extensions, ... */
  profileIdc: number;
  /** general_profile_compatibility_flag[0..31], flag j in bit (31 - j). */
  compatibilityFlags: number;
  /** The 48 bits from general_progressive_source_flag on, as 6 bytes. */
  constraintFlags: Uint8Array;
  /** general_level_idc: 30 times the level number (120 = level 4). */
  levelIdc: number;
}

/** Reads profile_tier_level(1, maxSubLayersMinus1) at the reader's position. */
export function readProfileTierLevel(r: BitReader, maxSubLayersMinus1: number): ProfileTierLevel {
  const profileSpace = r.readBits(2, 'general_profile_space');
  const tierFlag = r.readFlag('general_tier_flag');
  const profileIdc = r.readBits(5, 'general_profile_idc');
  const compatibilityFlags = r.readBits(32, 'general_profile_compatibility_flags');
  const constraintFlags = new Uint8Array(6);
  for (let i = 0; i < 6; i++) constraintFlags[i] = r.readBits(8, 'general constraint flags');
  const levelIdc = r.readBits(8, 'general_level_idc');
  const profilePresent: boolean[] = [];
  const levelPresent: boolean[] = [];
  for (let i = 0; i < maxSubLayersMinus1; i++) {
    profilePresent.push(r.readFlag('sub_layer_profile_present_flag'));
    levelPresent.push(r.readFlag('sub_layer_level_present_flag'));
  }
  if (maxSubLayersMinus1 > 0) r.skipBits(2 * (8 - maxSubLayersMinus1), 'reserved_zero_2bits');
  for (let i = 0; i < maxSubLayersMinus1; i++) {
    if (profilePresent[i] === true) r.skipBits(88, 'sub-layer profile');
    if (levelPresent[i] === true) r.skipBits(8, 'sub_layer_level_idc');
  }
  return { profileSpace, tierFlag, profileIdc, compatibilityFlags, constraintFlags, levelIdc };
}

/**
 * The codec string of an H.265 stream for MSE and HLS (ISO/IEC 14496-15 E.3), e.g.
 * `hvc1.1.6.L120.90`: profile space letter and profile, compatibility flags bit-reversed in hex,
 * tier letter and level, then the constraint bytes in hex with trailing zero bytes left out.
 */
export function h265CodecString(ptl: ProfileTierLevel, fourcc: 'hvc1' | 'hev1' = 'hvc1'): string {
  const space = ['', 'A', 'B', 'C'][ptl.profileSpace] ?? '';
  let reversed = 0;
  for (let j = 0; j < 32; j++) {
    if ((ptl.compatibilityFlags >>> (31 - j)) & 1) reversed += 2 ** j;
  }
  const parts = [
    fourcc,
    `${space}${ptl.profileIdc}`,
    reversed.toString(16).toUpperCase(),
    `${ptl.tierFlag ? 'H' : 'L'}${ptl.levelIdc}`,
  ];
  let last = ptl.constraintFlags.length;
  while (last > 0 && ptl.constraintFlags[last - 1] === 0) last -= 1;
  for (let i = 0; i < last; i++) {
    parts.push((ptl.constraintFlags[i] ?? 0).toString(16).toUpperCase().padStart(2, '0'));
  }
  return parts.join('.');
}
