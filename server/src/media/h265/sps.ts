import { BitReader } from '../bits/bit-reader.ts';
import { BitstreamError } from '../bits/bitstream-error.ts';
import { unescapeRbsp } from '../bits/rbsp.ts';
import { H265ParseError } from './h265-parse-error.ts';
import { h265CodecString, readProfileTierLevel } from './profile-tier-level.ts';
import type { ProfileTierLevel } from './profile-tier-level.ts';
import { skipScalingListData, skipShortTermRefPicSets } from './sps-skip.ts';

/**
 * H.265 sequence parameter set parsing (ITU-T H.265 7.3.2.2 and E.2.1): profile, tier and level,
 * chroma format, bit depth, display size after the conformance window, a frame-rate hint from the
 * VUI, and the codec string. Also what an `hvcC` box needs (temporal layers, nesting flag).
 */

/** The parsed fields of an H.265 SPS. */
export interface H265Sps {
  vpsId: number;
  spsId: number;
  /** sps_max_sub_layers_minus1 + 1. */
  maxSubLayers: number;
  temporalIdNesting: boolean;
  ptl: ProfileTierLevel;
  /** 0 monochrome, 1 4:2:0, 2 4:2:2, 3 4:4:4. */
  chromaFormatIdc: number;
  bitDepthLuma: number;
  bitDepthChroma: number;
  /** Display size after the conformance window. */
  width: number;
  height: number;
  /** pic_width/height_in_luma_samples, before the conformance window. */
  codedWidth: number;
  codedHeight: number;
  /** Frames per second from VUI timing info (time_scale / num_units_in_tick), if present. */
  frameRate: number | undefined;
  /** ISO/IEC 14496-15 codec string with the `hvc1` sample entry, e.g. `hvc1.1.6.L120.90`. */
  codecString: string;
}

/** Largest accepted picture dimension in luma samples. */
const MAX_DIMENSION = 16888;

/**
 * Parses an SPS NAL unit (with its 2-byte NAL header, without start code; emulation prevention
 * still in place). Throws `H265ParseError` for anything malformed. A damaged tail (after the bit
 * depths: reference picture sets, VUI) does not fail the parse; the frame-rate hint is then
 * undefined.
 */
export function parseH265Sps(nalu: Uint8Array): H265Sps {
  const type = ((nalu[0] ?? 0) >>> 1) & 0x3f;
  if (nalu.length < 2) throw new H265ParseError('SPS: NAL unit shorter than its header');
  if (type !== 33) throw new H265ParseError(`SPS: NAL unit type is ${type}, not 33 (SPS)`);
  if (((nalu[0] ?? 0) & 0x80) !== 0) throw new H265ParseError('SPS: forbidden_zero_bit is set');
  const r = new BitReader(unescapeRbsp(nalu), 2);
  try {
    return parseBody(r);
  } catch (e) {
    if (e instanceof BitstreamError) throw new H265ParseError(`SPS: ${e.message}`, e);
    throw e;
  }
}

function parseBody(r: BitReader): H265Sps {
  const vpsId = r.readBits(4, 'sps_video_parameter_set_id');
  const maxSubLayersMinus1 = r.readBits(3, 'sps_max_sub_layers_minus1');
  if (maxSubLayersMinus1 > 6) {
    throw new BitstreamError(`sps_max_sub_layers_minus1 is ${maxSubLayersMinus1}, more than 6`);
  }
  const temporalIdNesting = r.readFlag('sps_temporal_id_nesting_flag');
  const ptl = readProfileTierLevel(r, maxSubLayersMinus1);
  const spsId = r.readUEMax(15, 'sps_seq_parameter_set_id');
  const chromaFormatIdc = r.readUEMax(3, 'chroma_format_idc');
  const separateColourPlane = chromaFormatIdc === 3 && r.readFlag('separate_colour_plane_flag');
  const codedWidth = r.readUEMax(MAX_DIMENSION, 'pic_width_in_luma_samples');
  const codedHeight = r.readUEMax(MAX_DIMENSION, 'pic_height_in_luma_samples');
  if (codedWidth === 0 || codedHeight === 0) {
    throw new BitstreamError(`picture size ${codedWidth}x${codedHeight} is empty`);
  }
  let width = codedWidth;
  let height = codedHeight;
  if (r.readFlag('conformance_window_flag')) {
    const left = r.readUEMax(codedWidth, 'conf_win_left_offset');
    const right = r.readUEMax(codedWidth, 'conf_win_right_offset');
    const top = r.readUEMax(codedHeight, 'conf_win_top_offset');
    const bottom = r.readUEMax(codedHeight, 'conf_win_bottom_offset');
    const chromaArrayType = separateColourPlane ? 0 : chromaFormatIdc;
    const subWidthC = chromaArrayType === 1 || chromaArrayType === 2 ? 2 : 1;
    const subHeightC = chromaArrayType === 1 ? 2 : 1;
    width = codedWidth - subWidthC * (left + right);
    height = codedHeight - subHeightC * (top + bottom);
    if (width <= 0 || height <= 0) {
      throw new BitstreamError(
        `conformance window leaves ${width}x${height} of ${codedWidth}x${codedHeight}`,
      );
    }
  }
  const bitDepthLuma = 8 + r.readUEMax(8, 'bit_depth_luma_minus8');
  const bitDepthChroma = 8 + r.readUEMax(8, 'bit_depth_chroma_minus8');
  const frameRate = readFrameRate(r, maxSubLayersMinus1);
  return {
    vpsId,
    spsId,
    maxSubLayers: maxSubLayersMinus1 + 1,
    temporalIdNesting,
    ptl,
    chromaFormatIdc,
    bitDepthLuma,
    bitDepthChroma,
    width,
    height,
    codedWidth,
    codedHeight,
    frameRate,
    codecString: h265CodecString(ptl),
  };
}

/** Walks from log2_max_pic_order_cnt_lsb_minus4 to the VUI timing info; undefined if damaged. */
function readFrameRate(r: BitReader, maxSubLayersMinus1: number): number | undefined {
  try {
    const log2MaxPocLsb = 4 + r.readUEMax(12, 'log2_max_pic_order_cnt_lsb_minus4');
    const orderingInfoForAll = r.readFlag('sps_sub_layer_ordering_info_present_flag');
    for (let i = orderingInfoForAll ? 0 : maxSubLayersMinus1; i <= maxSubLayersMinus1; i++) {
      r.readUE('sps_max_dec_pic_buffering_minus1');
      r.readUE('sps_max_num_reorder_pics');
      r.readUE('sps_max_latency_increase_plus1');
    }
    r.readUE('log2_min_luma_coding_block_size_minus3');
    r.readUE('log2_diff_max_min_luma_coding_block_size');
    r.readUE('log2_min_luma_transform_block_size_minus2');
    r.readUE('log2_diff_max_min_luma_transform_block_size');
    r.readUE('max_transform_hierarchy_depth_inter');
    r.readUE('max_transform_hierarchy_depth_intra');
    if (
      r.readFlag('scaling_list_enabled_flag') &&
      r.readFlag('sps_scaling_list_data_present_flag')
    ) {
      skipScalingListData(r);
    }
    r.readFlag('amp_enabled_flag');
    r.readFlag('sample_adaptive_offset_enabled_flag');
    if (r.readFlag('pcm_enabled_flag')) {
      r.skipBits(8, 'pcm sample bit depths');
      r.readUE('log2_min_pcm_luma_coding_block_size_minus3');
      r.readUE('log2_diff_max_min_pcm_luma_coding_block_size');
      r.readFlag('pcm_loop_filter_disabled_flag');
    }
    skipShortTermRefPicSets(r, r.readUEMax(64, 'num_short_term_ref_pic_sets'));
    if (r.readFlag('long_term_ref_pics_present_flag')) {
      const n = r.readUEMax(32, 'num_long_term_ref_pics_sps');
      for (let i = 0; i < n; i++) r.skipBits(log2MaxPocLsb + 1, 'long-term ref pic');
    }
    r.readFlag('sps_temporal_mvp_enabled_flag');
    r.readFlag('strong_intra_smoothing_enabled_flag');
    if (!r.readFlag('vui_parameters_present_flag')) return undefined;
    return readVuiFrameRate(r);
  } catch (e) {
    if (e instanceof BitstreamError) return undefined;
    throw e;
  }
}

/** vui_parameters() (E.2.1) up to vui_timing_info. */
function readVuiFrameRate(r: BitReader): number | undefined {
  if (r.readFlag('aspect_ratio_info_present_flag')) {
    if (r.readBits(8, 'aspect_ratio_idc') === 255) r.skipBits(32, 'sar_width and sar_height');
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
  r.skipBits(3, 'neutral_chroma, field_seq and frame_field_info flags');
  if (r.readFlag('default_display_window_flag')) {
    for (let i = 0; i < 4; i++) r.readUE('default display window offset');
  }
  if (!r.readFlag('vui_timing_info_present_flag')) return undefined;
  const numUnitsInTick = r.readBits(32, 'vui_num_units_in_tick');
  const timeScale = r.readBits(32, 'vui_time_scale');
  return numUnitsInTick > 0 && timeScale > 0 ? timeScale / numUnitsInTick : undefined;
}
