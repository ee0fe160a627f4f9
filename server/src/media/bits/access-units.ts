import type { VideoCodec } from '../types.ts';

/**
 * Groups the NAL units of an elementary stream (e.g. from `splitAnnexB` on a raw `.h264`/`.h265`
 * file) into access units, following H.264 7.4.1.2.3 and H.265 7.4.2.4.4: a new picture starts at
 * an AUD, parameter set or prefix SEI after a slice, or at a slice that is the first of its picture
 * (`first_mb_in_slice == 0` / `first_slice_segment_in_pic_flag`). Assumes slices in order (no ASO).
 */

/** One picture's NAL units and whether it is a random-access point. */
export interface CodedPicture {
  /** The NAL units, in stream order (views into the caller's buffer). */
  nalus: Uint8Array[];
  /** IDR (H.264) or IRAP (H.265). */
  isKey: boolean;
}

/** Groups NAL units (without start codes) into pictures; NAL units before the first slice lead it. */
export function groupAccessUnits(nalus: readonly Uint8Array[], codec: VideoCodec): CodedPicture[] {
  const pictures: CodedPicture[] = [];
  let current: CodedPicture = { nalus: [], isKey: false };
  let seenSlice = false;
  for (const nal of nalus) {
    if (nal.length === 0) continue;
    const kind = codec === 'h264' ? classifyH264(nal) : classifyH265(nal);
    const startsNew = seenSlice && (kind === 'prefix' || kind === 'first-slice');
    if (startsNew) {
      pictures.push(current);
      current = { nalus: [], isKey: false };
      seenSlice = false;
    }
    current.nalus.push(nal);
    if (kind === 'first-slice' || kind === 'slice') {
      seenSlice = true;
      if (isKeySlice(nal, codec)) current.isKey = true;
    }
  }
  if (current.nalus.length > 0) pictures.push(current);
  return pictures;
}

type NalKind = 'prefix' | 'first-slice' | 'slice' | 'other';

function classifyH264(nal: Uint8Array): NalKind {
  const type = (nal[0] ?? 0) & 0x1f;
  if (type >= 1 && type <= 5) {
    // first_mb_in_slice is ue(v); it is 0 exactly when its first bit is 1.
    return ((nal[1] ?? 0) & 0x80) !== 0 ? 'first-slice' : 'slice';
  }
  if (type === 6 || type === 7 || type === 8 || type === 9 || (type >= 14 && type <= 18)) {
    return 'prefix';
  }
  return 'other';
}

function classifyH265(nal: Uint8Array): NalKind {
  const type = ((nal[0] ?? 0) >>> 1) & 0x3f;
  if (type <= 31) {
    // first_slice_segment_in_pic_flag is the first bit after the 2-byte header.
    return ((nal[2] ?? 0) & 0x80) !== 0 ? 'first-slice' : 'slice';
  }
  if (
    (type >= 32 && type <= 35) ||
    type === 39 ||
    (type >= 41 && type <= 44) ||
    (type >= 48 && type <= 55)
  ) {
    return 'prefix';
  }
  return 'other';
}

function isKeySlice(nal: Uint8Array, codec: VideoCodec): boolean {
  if (codec === 'h264') return ((nal[0] ?? 0) & 0x1f) === 5;
  const type = ((nal[0] ?? 0) >>> 1) & 0x3f;
  return type >= 16 && type <= 23;
}
