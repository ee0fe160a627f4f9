import type { BitReader } from '../bits/bit-reader.ts';
import { BitstreamError } from '../bits/bitstream-error.ts';

/**
 * The variable-length SPS structures that must be walked over to reach the VUI:
 * scaling_list_data() (7.3.4) and st_ref_pic_set() (7.3.7).
 */

/** Skips scaling_list_data(). */
export function skipScalingListData(r: BitReader): void {
  for (let sizeId = 0; sizeId < 4; sizeId++) {
    for (let matrixId = 0; matrixId < 6; matrixId += sizeId === 3 ? 3 : 1) {
      if (!r.readFlag('scaling_list_pred_mode_flag')) {
        r.readUE('scaling_list_pred_matrix_id_delta');
        continue;
      }
      const coefNum = Math.min(64, 1 << (4 + (sizeId << 1)));
      if (sizeId > 1) r.readSE('scaling_list_dc_coef_minus8');
      for (let i = 0; i < coefNum; i++) r.readSE('scaling_list_delta_coef');
    }
  }
}

/** Skips `count` st_ref_pic_set() structures as they appear in an SPS. */
export function skipShortTermRefPicSets(r: BitReader, count: number): void {
  const numDeltaPocs: number[] = [];
  for (let idx = 0; idx < count; idx++) {
    const interPrediction = idx !== 0 && r.readFlag('inter_ref_pic_set_prediction_flag');
    if (interPrediction) {
      // In an SPS delta_idx_minus1 is absent (inferred 0): the reference is the previous set.
      r.readFlag('delta_rps_sign');
      r.readUE('abs_delta_rps_minus1');
      const refCount = numDeltaPocs[idx - 1] ?? 0;
      let n = 0;
      for (let j = 0; j <= refCount; j++) {
        const used = r.readFlag('used_by_curr_pic_flag');
        const useDelta = used || r.readFlag('use_delta_flag');
        if (useDelta) n += 1;
      }
      numDeltaPocs.push(n);
    } else {
      const negative = r.readUEMax(16, 'num_negative_pics');
      const positive = r.readUEMax(16, 'num_positive_pics');
      if (negative + positive > 16) {
        throw new BitstreamError(`short-term ref pic set has ${negative + positive} pictures`);
      }
      for (let i = 0; i < negative + positive; i++) {
        r.readUE('delta_poc_minus1');
        r.readFlag('used_by_curr_pic_flag');
      }
      numDeltaPocs.push(negative + positive);
    }
  }
}
