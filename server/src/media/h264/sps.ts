import { BitReader } from '../bits/bit-reader.ts';
import { BitstreamError } from '../bits/bitstream-error.ts';
import { unescapeRbsp } from '../bits/rbsp.ts';

/**
 * H.264 sequence parameter set parsing (ITU-T H.264 7.3.2.1.1 and E.1.1): what the recorder and
 * the MP4 writer need — profile, level, chroma format, bit depth, display size after cropping,
 * a frame-rate hint from the VUI — and the RFC 6381 codec string for MSE.
 */

/** The error `parseH264Sps` throws for a malformed or truncated SPS. */
export class H264SpsError extends Error {
  constructor(message: string, cause?: unknown) {
    super(`H.264 SPS: ${message}`, cause === undefined ? undefined : { cause });
    this.name = 'H264SpsError';
  }
}

/** The parsed fields of an H.264 SPS. */
export interface H264Sps {
  profileIdc: number;
  /** The byte after profile_idc: constraint_set0..5 flags and two reserved bits. */
  constraintFlags: number;
  levelIdc: number;
  spsId: number;
  /** 0 monochrome, 1 4:2:0, 2 4:2:2, 3 4:4:4. */
  chromaFormatIdc: number;
  bitDepthLuma: number;
  bitDepthChroma: number;
  /** Display width in pixels, after frame cropping. */
  width: number;
  /** Display height in pixels, after frame cropping. */
  height: number;
  /** Coded size in pixels (whole macroblocks), before cropping. */
  codedWidth: number;
  codedHeight: number;
  /** False for interlaced (field or MBAFF) coding. */
  frameMbsOnly: boolean;
  maxNumRefFrames: number;
  /** Sample aspect ratio from the VUI, 1:1 when absent. */
  sarWidth: number;
  sarHeight: number;
  /** Frames per second from VUI timing info (time_scale / (2 * num_units_in_tick)), if present. */
  frameRate: number | undefined;
  /** RFC 6381 codec string, e.g. `avc1.640028`. */
  codecString: string;
}

/** Profiles whose SPS carries chroma format, bit depth and scaling lists (7.3.2.1.1). */
const HIGH_PROFILES = new Set([100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135]);

/** Largest accepted picture dimension in macroblocks (16384 px): guards against absurd sizes. */
const MAX_MBS = 1024;

/** Table E-1 sample aspect ratios, indexed by aspect_ratio_idc (1..16). */
// prettier-ignore
const SAR_TABLE: readonly (readonly [number, number])[] = [
  [0, 0], [1, 1], [12, 11], [10, 11], [16, 11], [40, 33], [24, 11], [20, 11], [32, 11],
  [80, 33], [18, 11], [15, 11], [64, 33], [160, 99], [4, 3], [3, 2], [2, 1],
];

/** The RFC 6381 codec string of an H.264 stream: `avc1.PPCCLL` in hex. */
export function h264CodecString(
  profileIdc: number,
  constraintFlags: number,
  levelIdc: number,
): string {
  const hex = (v: number): string => (v & 0xff).toString(16).padStart(2, '0');
  return `avc1.${hex(profileIdc)}${hex(constraintFlags)}${hex(levelIdc)}`;
}

/**
 * Parses an SPS NAL unit (with its 1-byte NAL header, without start code; emulation prevention
 * still in place). Throws `H264SpsError` for anything malformed. A damaged VUI does not fail the
 * parse: the frame-rate hint and aspect ratio are then left at their defaults.
 */
export function parseH264Sps(nalu: Uint8Array): H264Sps {
  const header = nalu[0];
  if (header === undefined) throw new H264SpsError('empty NAL unit');
  if ((header & 0x1f) !== 7) {
    throw new H264SpsError(`NAL unit type is ${header & 0x1f}, not 7 (SPS)`);
  }
  if ((header & 0x80) !== 0) throw new H264SpsError('forbidden_zero_bit is set');
  const r = new BitReader(unescapeRbsp(nalu), 1);
  try {
    return parseBody(r);
  } catch (e) {
    if (e instanceof BitstreamError) throw new H264SpsError(e.message, e);
    throw e;
  }
}

function parseBody(r: BitReader): H264Sps {
  const profileIdc = r.readBits(8, 'profile_idc');
  const constraintFlags = r.readBits(8, 'constraint flags');
  const levelIdc = r.readBits(8, 'level_idc');
  const spsId = r.readUEMax(31, 'seq_parameter_set_id');
  let chromaFormatIdc = 1;
  let separateColourPlane = false;
  let bitDepthLuma = 8;
  let bitDepthChroma = 8;
  if (HIGH_PROFILES.has(profileIdc)) {
    chromaFormatIdc = r.readUEMax(3, 'chroma_format_idc');
    if (chromaFormatIdc === 3) separateColourPlane = r.readFlag('separate_colour_plane_flag');
    bitDepthLuma = 8 + r.readUEMax(6, 'bit_depth_luma_minus8');
    bitDepthChroma = 8 + r.readUEMax(6, 'bit_depth_chroma_minus8');
    r.readFlag('qpprime_y_zero_transform_bypass_flag');
    if (r.readFlag('seq_scaling_matrix_present_flag')) {
      const lists = chromaFormatIdc === 3 ? 12 : 8;
      for (let i = 0; i < lists; i++) {
        if (r.readFlag('seq_scaling_list_present_flag')) skipScalingList(r, i < 6 ? 16 : 64);
      }
    }
  }
  r.readUEMax(12, 'log2_max_frame_num_minus4');
  const pocType = r.readUEMax(2, 'pic_order_cnt_type');
  if (pocType === 0) {
    r.readUEMax(12, 'log2_max_pic_order_cnt_lsb_minus4');
  } else if (pocType === 1) {
    r.readFlag('delta_pic_order_always_zero_flag');
    r.readSE('offset_for_non_ref_pic');
    r.readSE('offset_for_top_to_bottom_field');
    const cycle = r.readUEMax(255, 'num_ref_frames_in_pic_order_cnt_cycle');
    for (let i = 0; i < cycle; i++) r.readSE('offset_for_ref_frame');
  }
  const maxNumRefFrames = r.readUEMax(255, 'max_num_ref_frames');
  r.readFlag('gaps_in_frame_num_value_allowed_flag');
  const widthMbs = r.readUEMax(MAX_MBS - 1, 'pic_width_in_mbs_minus1') + 1;
  const heightMapUnits = r.readUEMax(MAX_MBS - 1, 'pic_height_in_map_units_minus1') + 1;
  const frameMbsOnly = r.readFlag('frame_mbs_only_flag');
  if (!frameMbsOnly) r.readFlag('mb_adaptive_frame_field_flag');
  r.readFlag('direct_8x8_inference_flag');
  const codedWidth = widthMbs * 16;
  const codedHeight = (frameMbsOnly ? 1 : 2) * heightMapUnits * 16;
  let width = codedWidth;
  let height = codedHeight;
  if (r.readFlag('frame_cropping_flag')) {
    const left = r.readUEMax(codedWidth, 'frame_crop_left_offset');
    const right = r.readUEMax(codedWidth, 'frame_crop_right_offset');
    const top = r.readUEMax(codedHeight, 'frame_crop_top_offset');
    const bottom = r.readUEMax(codedHeight, 'frame_crop_bottom_offset');
    const chromaArrayType = separateColourPlane ? 0 : chromaFormatIdc;
    const subWidthC = chromaArrayType === 1 || chromaArrayType === 2 ? 2 : 1;
    const subHeightC = chromaArrayType === 1 ? 2 : 1;
    const cropUnitX = chromaArrayType === 0 ? 1 : subWidthC;
    const cropUnitY = (chromaArrayType === 0 ? 1 : subHeightC) * (frameMbsOnly ? 1 : 2);
    width = codedWidth - cropUnitX * (left + right);
    height = codedHeight - cropUnitY * (top + bottom);
    if (width <= 0 || height <= 0) {
      throw new H264SpsError(`cropping leaves ${width}x${height} of ${codedWidth}x${codedHeight}`);
    }
  }
  const vui = r.readFlag('vui_parameters_present_flag') ? readVui(r) : undefined;
  return {
    profileIdc,
    constraintFlags,
    levelIdc,
    spsId,
    chromaFormatIdc,
    bitDepthLuma,
    bitDepthChroma,
    width,
    height,
    codedWidth,
    codedHeight,
    frameMbsOnly,
    maxNumRefFrames,
    sarWidth: vui?.sarWidth ?? 1,
    sarHeight: vui?.sarHeight ?? 1,
    frameRate: vui?.frameRate,
    codecString: h264CodecString(profileIdc, constraintFlags, levelIdc),
  };
}

/** Skips scaling_list() (7.3.2.1.1.1); only the delta_scale codes take bits. */
function skipScalingList(r: BitReader, size: number): void {
  let lastScale = 8;
  let nextScale = 8;
  for (let j = 0; j < size; j++) {
    if (nextScale !== 0) {
      const delta = r.readSE('delta_scale');
      if (delta < -128 || delta > 127)
        throw new BitstreamError(`delta_scale ${delta} out of range`);
      nextScale = (lastScale + delta + 256) % 256;
    }
    lastScale = nextScale === 0 ? lastScale : nextScale;
  }
}

interface Vui {
  sarWidth: number;
  sarHeight: number;
  frameRate: number | undefined;
}

/** Reads the start of vui_parameters() up to timing info; undefined when it is damaged. */
function readVui(r: BitReader): Vui | undefined {
  try {
    let sarWidth = 1;
    let sarHeight = 1;
    if (r.readFlag('aspect_ratio_info_present_flag')) {
      const idc = r.readBits(8, 'aspect_ratio_idc');
      if (idc === 255) {
        sarWidth = r.readBits(16, 'sar_width');
        sarHeight = r.readBits(16, 'sar_height');
      } else {
        const sar = SAR_TABLE[idc];
        if (sar !== undefined && sar[0] > 0) [sarWidth, sarHeight] = sar;
      }
      if (sarWidth === 0 || sarHeight === 0) [sarWidth, sarHeight] = [1, 1];
    }
    if (r.readFlag('overscan_info_present_flag')) r.readFlag('overscan_appropriate_flag');
    if (r.readFlag('video_signal_type_present_flag')) {
      r.skipBits(4, 'video_format and video_full_range_flag');
      if (r.readFlag('colour_description_present_flag')) r.skipBits(24, 'colour description');
    }
    if (r.readFlag('chroma_loc_info_present_flag')) {
      r.readUE('chroma_sample_loc_type_top_field');
      r.readUE('chroma_sample_loc_type_bottom_field');
    }
    let frameRate: number | undefined;
    if (r.readFlag('timing_info_present_flag')) {
      const numUnitsInTick = r.readBits(32, 'num_units_in_tick');
      const timeScale = r.readBits(32, 'time_scale');
      if (numUnitsInTick > 0 && timeScale > 0) frameRate = timeScale / (2 * numUnitsInTick);
    }
    return { sarWidth, sarHeight, frameRate };
  } catch (e) {
    if (e instanceof BitstreamError) return undefined;
    throw e;
  }
}
