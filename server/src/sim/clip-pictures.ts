/**
 * Turns a simulated clip's Annex B file into pictures (via the shared `splitAnnexB` and
 * `groupAccessUnits`), and checks what replay needs: the clip starts with a key frame that carries
 * its parameter sets, so that the loop can restart there.
 */
import { invalidArgument } from '../app/index.ts';
import { groupAccessUnits, splitAnnexB } from '../media/index.ts';
import type { CodedPicture, CodecParams, VideoCodec } from '../media/index.ts';

/** A clip split into pictures, with the parameter sets of its first key frame. */
export interface ClipPictures {
  codec: VideoCodec;
  pictures: CodedPicture[];
  params: CodecParams;
}

/** The NAL unit type of an H.264 or H.265 NAL unit. */
export function nalType(codec: VideoCodec, nal: Uint8Array): number {
  const b = nal[0] ?? 0;
  return codec === 'h264' ? b & 0x1f : (b >> 1) & 0x3f;
}

/** The parameter sets found among a picture's NAL units, or undefined if one is missing. */
export function paramsOf(codec: VideoCodec, picture: CodedPicture): CodecParams | undefined {
  const find = (t: number): Uint8Array | undefined =>
    picture.nalus.find((n) => nalType(codec, n) === t);
  if (codec === 'h264') {
    const sps = find(7);
    const pps = find(8);
    return sps && pps ? { codec, sps, pps } : undefined;
  }
  const vps = find(32);
  const sps = find(33);
  const pps = find(34);
  return vps && sps && pps ? { codec, vps, sps, pps } : undefined;
}

/**
 * Splits an Annex B stream into pictures. Throws `invalid_argument` when it holds no picture or
 * does not start with a key frame carrying its parameter sets.
 */
export function clipPictures(codec: VideoCodec, annexB: Uint8Array): ClipPictures {
  const pictures = groupAccessUnits(splitAnnexB(annexB), codec);
  const first = pictures[0];
  if (first === undefined) throw invalidArgument(`${codec} clip holds no picture`);
  if (!first.isKey) throw invalidArgument(`${codec} clip does not start with a key frame`);
  const params = paramsOf(codec, first);
  if (params === undefined) {
    throw invalidArgument(`${codec} clip's first key frame lacks its parameter sets`);
  }
  return { codec, pictures, params };
}
