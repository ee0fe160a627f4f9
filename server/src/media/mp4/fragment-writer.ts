import { VIDEO_TRACK_ID } from './init-writer.ts';
import { Mp4Error } from './mp4-error.ts';

/**
 * One movie fragment of the video track: `moof` (`mfhd`, `traf` with `tfhd`
 * default-base-is-moof, `tfdt` version 1, and a `trun` giving each sample's duration, size, flags
 * and optionally composition offset) followed by the `mdat` holding the samples. Written straight
 * into one buffer: this runs once a second for every camera.
 */

/**
 * One sample (coded picture) of a fragment: its bytes as length-prefixed NAL units (`data`, 4-byte
 * lengths, see `toAvcc`), or its NAL units (`nalus`), which are then written with their 4-byte
 * lengths straight into the fragment (one copy less per picture than `toAvcc` first).
 */
export type FragmentSample = SampleTiming &
  ({ data: Uint8Array; nalus?: undefined } | { nalus: readonly Uint8Array[]; data?: undefined });

/** The timing and flags of a sample. */
export interface SampleTiming {
  /** Time to the next sample, in track timescale ticks. */
  durationTicks: number;
  /** A sync sample (IDR / IRAP). */
  isKey: boolean;
  /** Presentation minus decode time in ticks (B-frames); 0 when left out. */
  compositionOffsetTicks?: number;
}

/** A fragment to write. */
export interface FragmentInput {
  /** mfhd sequence number: 1 for the first fragment of a file, then increasing. */
  sequenceNumber: number;
  /** Decode time of the first sample, in ticks since the start of the track. */
  baseMediaDecodeTime: number;
  samples: readonly FragmentSample[];
}

/** Sample flags: sync sample (depends on no other picture). */
export const KEY_SAMPLE_FLAGS = 0x02000000;
/** Sample flags: non-sync sample (depends on others, sample_is_non_sync_sample). */
export const NON_KEY_SAMPLE_FLAGS = 0x01010000;

const TRUN_DATA_OFFSET = 0x000001;
const TRUN_DURATION = 0x000100;
const TRUN_SIZE = 0x000200;
const TRUN_FLAGS = 0x000400;
const TRUN_CTS = 0x000800;
const TFHD_DEFAULT_BASE_IS_MOOF = 0x020000;

/**
 * Writes `moof` + `mdat` for the samples. Throws `Mp4Error` for values that do not fit. `alloc`
 * gives the buffer to write into, of exactly the size asked (every byte is written; a pooled
 * buffer may be reused); a new zeroed one by default.
 */
export function writeFragment(
  input: FragmentInput,
  alloc: (size: number) => Uint8Array = (size) => new Uint8Array(size),
): Uint8Array {
  const layout = layoutOf(input);
  const out = alloc(layout.moofSize + layout.mdatSize);
  if (out.length !== layout.moofSize + layout.mdatSize) {
    throw new Mp4Error(
      `fragment buffer of ${out.length} bytes, ${layout.moofSize + layout.mdatSize} needed`,
    );
  }
  const v = new DataView(out.buffer, out.byteOffset, out.byteLength);
  let o = writeHead(out, v, input, layout);
  for (const s of input.samples) {
    if (s.data !== undefined) {
      out.set(s.data, o);
      o += s.data.length;
      continue;
    }
    for (const nal of s.nalus) {
      v.setUint32(o, nal.length);
      out.set(nal, o + 4);
      o += 4 + nal.length;
    }
  }
  return out;
}

/**
 * Writes the `moof` and the `mdat` header of the fragment, not the samples: the fragment is these
 * bytes followed by each sample's bytes in order (for a writer that writes the samples from
 * where they already are). Throws `Mp4Error` as `writeFragment` does.
 */
export function writeFragmentHead(input: FragmentInput): Uint8Array {
  const layout = layoutOf(input);
  const out = new Uint8Array(layout.moofSize + 8);
  writeHead(out, new DataView(out.buffer, out.byteOffset, out.byteLength), input, layout);
  return out;
}

interface Layout {
  withCts: boolean;
  perSample: number;
  trunSize: number;
  trafSize: number;
  moofSize: number;
  mdatSize: number;
}

/** Checks the input and works out the box sizes. */
function layoutOf(input: FragmentInput): Layout {
  const { samples, sequenceNumber, baseMediaDecodeTime } = input;
  if (samples.length === 0) throw new Mp4Error('a fragment needs at least one sample');
  checkU32(sequenceNumber, 'sequenceNumber');
  if (!Number.isSafeInteger(baseMediaDecodeTime) || baseMediaDecodeTime < 0) {
    throw new Mp4Error(`baseMediaDecodeTime ${baseMediaDecodeTime} is not a non-negative integer`);
  }
  const withCts = samples.some((s) => (s.compositionOffsetTicks ?? 0) !== 0);
  const perSample = withCts ? 16 : 12;
  const trunSize = 12 + 8 + perSample * samples.length;
  const trafSize = 8 + 16 + 20 + trunSize;
  const moofSize = 8 + 16 + trafSize;
  let payload = 0;
  for (const [i, s] of samples.entries()) {
    checkU32(s.durationTicks, `samples[${i}].durationTicks`);
    const cts = s.compositionOffsetTicks ?? 0;
    if (!Number.isInteger(cts) || cts < -(2 ** 31) || cts >= 2 ** 31) {
      throw new Mp4Error(`samples[${i}].compositionOffsetTicks ${cts} does not fit 32 bits`);
    }
    payload += sampleSize(s);
  }
  const mdatSize = 8 + payload;
  if (moofSize + mdatSize >= 2 ** 32)
    throw new Mp4Error(`fragment of ${payload} bytes is too large`);
  return { withCts, perSample, trunSize, trafSize, moofSize, mdatSize };
}

/** Writes `moof` and the `mdat` header at the start of `out`; returns where samples go. */
function writeHead(out: Uint8Array, v: DataView, input: FragmentInput, l: Layout): number {
  const { samples, sequenceNumber, baseMediaDecodeTime } = input;
  let o = 0;
  const header = (size: number, type: string): void => {
    v.setUint32(o, size);
    for (let k = 0; k < 4; k++) out[o + 4 + k] = type.charCodeAt(k);
    o += 8;
  };
  const versionFlags = (version: number, flags: number): void => {
    v.setUint32(o, ((version << 24) | flags) >>> 0);
    o += 4;
  };
  header(l.moofSize, 'moof');
  header(16, 'mfhd');
  versionFlags(0, 0);
  v.setUint32(o, sequenceNumber);
  o += 4;
  header(l.trafSize, 'traf');
  header(16, 'tfhd');
  versionFlags(0, TFHD_DEFAULT_BASE_IS_MOOF);
  v.setUint32(o, VIDEO_TRACK_ID);
  o += 4;
  header(20, 'tfdt');
  versionFlags(1, 0);
  v.setUint32(o, Math.floor(baseMediaDecodeTime / 2 ** 32));
  v.setUint32(o + 4, baseMediaDecodeTime % 2 ** 32);
  o += 8;
  header(l.trunSize, 'trun');
  const trunFlags = TRUN_DATA_OFFSET | TRUN_DURATION | TRUN_SIZE | TRUN_FLAGS;
  versionFlags(l.withCts ? 1 : 0, l.withCts ? trunFlags | TRUN_CTS : trunFlags);
  v.setUint32(o, samples.length);
  v.setInt32(o + 4, l.moofSize + 8); // data_offset: from the moof start to the first sample
  o += 8;
  for (const s of samples) {
    v.setUint32(o, s.durationTicks);
    v.setUint32(o + 4, sampleSize(s));
    v.setUint32(o + 8, s.isKey ? KEY_SAMPLE_FLAGS : NON_KEY_SAMPLE_FLAGS);
    if (l.withCts) v.setInt32(o + 12, s.compositionOffsetTicks ?? 0);
    o += l.perSample;
  }
  header(l.mdatSize, 'mdat');
  return o;
}

/** Bytes of a sample in the `mdat`. */
function sampleSize(s: FragmentSample): number {
  if (s.data !== undefined) return s.data.length;
  let n = 0;
  for (const nal of s.nalus) n += 4 + nal.length;
  return n;
}

function checkU32(v: number, what: string): void {
  if (!Number.isInteger(v) || v < 0 || v >= 2 ** 32) {
    throw new Mp4Error(`${what} ${v} is not a 32-bit unsigned integer`);
  }
}
