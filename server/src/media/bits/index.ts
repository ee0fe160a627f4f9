/**
 * Bit-level tools shared by the H.264, H.265 and MP4 code: a bounds-checked bit reader with
 * exp-Golomb codes, emulation prevention, Annex B and length-prefixed NAL unit framing.
 */
export { BitstreamError } from './bitstream-error.ts';
export { BitReader } from './bit-reader.ts';
export { BitWriter } from './bit-writer.ts';
export { unescapeRbsp, escapeRbsp } from './rbsp.ts';
export { splitAnnexB, toAnnexB } from './annexb.ts';
export { toAvcc, fromAvcc } from './avcc.ts';
export { groupAccessUnits } from './access-units.ts';
export type { CodedPicture } from './access-units.ts';
