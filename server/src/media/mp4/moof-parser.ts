import { findChild, readBoxes, requireChild } from './box-reader.ts';
import type { BoxHeader } from './box-reader.ts';
import { FieldReader } from './field-reader.ts';
import { Mp4Error } from './mp4-error.ts';

/**
 * Parsing a `moof` box into its samples: sequence number, decode times, and each sample's byte
 * range, duration, flags and composition offset, with the defaults of `tfhd` and `trex` applied.
 * Only the first `traf` is read (Vedetta's files have one track).
 */

/** Per-sample defaults from the init segment's `trex`. */
export interface SampleDefaults {
  durationTicks: number;
  size: number;
  flags: number;
}

/** One sample as described by a `moof`. */
export interface MoofSample {
  /** Absolute byte offset of the sample's data in the buffer. */
  offset: number;
  size: number;
  durationTicks: number;
  /** Decode time in ticks (baseMediaDecodeTime plus the durations before it). */
  decodeTime: number;
  compositionOffsetTicks: number;
  /** Sync sample: `sample_is_non_sync_sample` is clear. */
  isKey: boolean;
}

/** A parsed `moof`. */
export interface ParsedMoof {
  sequenceNumber: number;
  trackId: number;
  baseMediaDecodeTime: number;
  samples: MoofSample[];
}

const NO_DEFAULTS: SampleDefaults = { durationTicks: 0, size: 0, flags: 0 };
/** Upper bound on samples in one `trun` whose samples carry no per-sample fields. */
const MAX_IMPLICIT_SAMPLES = 1_000_000;

/** Parses the `moof` box `moof` of `buf`. Throws `Mp4Error` when it is malformed. */
export function parseMoof(
  buf: Uint8Array,
  moof: BoxHeader,
  trex: SampleDefaults = NO_DEFAULTS,
): ParsedMoof {
  const mfhd = requireChild(buf, moof, 'mfhd');
  const mf = new FieldReader(buf, mfhd.start + mfhd.headerSize, mfhd.end, 'mfhd');
  mf.skip(4, 'version and flags');
  const sequenceNumber = mf.u32('sequence_number');
  const traf = requireChild(buf, moof, 'traf');
  const tfhd = requireChild(buf, traf, 'tfhd');
  const th = new FieldReader(buf, tfhd.start + tfhd.headerSize, tfhd.end, 'tfhd');
  th.skip(1, 'version');
  const tfFlags = th.u8('flags') * 0x10000 + th.u16('flags');
  const trackId = th.u32('track_ID');
  const base = (tfFlags & 0x1) !== 0 ? th.u64('base_data_offset') : moof.start;
  if ((tfFlags & 0x2) !== 0) th.u32('sample_description_index');
  const defaults: SampleDefaults = {
    durationTicks: (tfFlags & 0x8) !== 0 ? th.u32('default_sample_duration') : trex.durationTicks,
    size: (tfFlags & 0x10) !== 0 ? th.u32('default_sample_size') : trex.size,
    flags: (tfFlags & 0x20) !== 0 ? th.u32('default_sample_flags') : trex.flags,
  };
  const tfdt = findChild(buf, traf, 'tfdt');
  if (tfdt === undefined) throw new Mp4Error(`'traf' at ${traf.start} has no 'tfdt' box`);
  const td = new FieldReader(buf, tfdt.start + tfdt.headerSize, tfdt.end, 'tfdt');
  const tdVersion = td.u8('version');
  td.skip(3, 'flags');
  const baseMediaDecodeTime =
    tdVersion === 1 ? td.u64('baseMediaDecodeTime') : td.u32('baseMediaDecodeTime');

  const samples: MoofSample[] = [];
  let decodeTime = baseMediaDecodeTime;
  let dataCursor = base;
  for (const box of readBoxes(buf, traf.start + traf.headerSize, traf.end)) {
    if (box.type !== 'trun') continue;
    const r = new FieldReader(buf, box.start + box.headerSize, box.end, 'trun');
    const version = r.u8('version');
    const flags = r.u8('flags') * 0x10000 + r.u16('flags');
    const count = r.u32('sample_count');
    if ((flags & 0x1) !== 0) dataCursor = base + r.i32('data_offset');
    const firstFlags = (flags & 0x4) !== 0 ? r.u32('first_sample_flags') : undefined;
    const perSample =
      ((flags & 0x100) !== 0 ? 4 : 0) +
      ((flags & 0x200) !== 0 ? 4 : 0) +
      ((flags & 0x400) !== 0 ? 4 : 0) +
      ((flags & 0x800) !== 0 ? 4 : 0);
    const fits = perSample === 0 ? count <= MAX_IMPLICIT_SAMPLES : count * perSample <= r.remaining;
    if (!fits) throw new Mp4Error(`'trun' at ${box.start} cannot hold ${count} samples`);
    for (let i = 0; i < count; i++) {
      const durationTicks =
        (flags & 0x100) !== 0 ? r.u32('sample_duration') : defaults.durationTicks;
      const size = (flags & 0x200) !== 0 ? r.u32('sample_size') : defaults.size;
      const sampleFlags =
        (flags & 0x400) !== 0
          ? r.u32('sample_flags')
          : i === 0 && firstFlags !== undefined
            ? firstFlags
            : defaults.flags;
      let cts = 0;
      if ((flags & 0x800) !== 0) {
        cts =
          version === 0
            ? r.u32('sample_composition_time_offset')
            : r.i32('sample_composition_time_offset');
      }
      samples.push({
        offset: dataCursor,
        size,
        durationTicks,
        decodeTime,
        compositionOffsetTicks: cts,
        isKey: (sampleFlags & 0x10000) === 0,
      });
      dataCursor += size;
      decodeTime += durationTicks;
    }
  }
  if (!Number.isSafeInteger(decodeTime)) {
    throw new Mp4Error(`decode times of the 'moof' at ${moof.start} exceed 2^53`);
  }
  return { sequenceNumber, trackId, baseMediaDecodeTime, samples };
}
