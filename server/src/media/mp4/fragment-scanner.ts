import { printable, readBoxHeader, u32At } from './box-reader.ts';
import type { BoxHeader } from './box-reader.ts';
import { trexDefaults } from './init-parser.ts';
import { parseMoof } from './moof-parser.ts';
import type { MoofSample, ParsedMoof, SampleDefaults } from './moof-parser.ts';
import { Mp4Error } from './mp4-error.ts';

/**
 * Walking a fragmented MP4 file's top-level boxes to find the init segment and every complete
 * fragment (`moof` + `mdat` whose samples all lie inside the `mdat`). A crash while appending
 * leaves a torn tail: `validLength` is where the last complete piece ends, and truncating the
 * file there repairs it.
 */

/** A byte range `[start, end)` of the buffer. */
export interface ByteRange {
  start: number;
  end: number;
}

/** One complete fragment: `moof` at `start`, its `mdat` ending at `end`. */
export interface FragmentInfo extends ByteRange {
  sequenceNumber: number;
  /** Decode time of the first sample, in track ticks. */
  baseMediaDecodeTime: number;
  /** Sum of the sample durations, in track ticks. */
  durationTicks: number;
  sampleCount: number;
  /** The first sample is a sync sample (the fragment can be decoded on its own). */
  startsWithKey: boolean;
  /** Payload bytes in the `mdat`. */
  mdatBytes: number;
}

/** What `scanFragments` found. */
export interface FragmentScan {
  /** `ftyp`..`moov`, when a complete `moov` is there. */
  init: ByteRange | undefined;
  fragments: FragmentInfo[];
  /** Bytes from the start that form complete boxes and fragments; the rest is a torn tail. */
  validLength: number;
  /** `buf.length - validLength`. */
  tornBytes: number;
  /** Why the scan stopped before the end of the buffer, when it did. */
  problem: string | undefined;
}

/**
 * Scans `buf` (a whole fMP4 file, or its prefix). Never throws for bad content: a torn or
 * malformed tail ends the scan and is reported through `validLength` and `problem`.
 */
export function scanFragments(buf: Uint8Array): FragmentScan {
  let init: ByteRange | undefined;
  let trex: SampleDefaults | undefined;
  const fragments: FragmentInfo[] = [];
  let valid = 0;
  let pendingMoof: BoxHeader | undefined;
  let problem: string | undefined;
  let o = 0;
  while (o < buf.length) {
    let h: BoxHeader | undefined;
    try {
      h = readBoxHeader(buf, o);
    } catch (e) {
      problem = e instanceof Mp4Error ? e.message : String(e);
      break;
    }
    if (h === undefined || h.end > buf.length) {
      problem = `box at ${o} is cut off (torn tail of ${buf.length - o} bytes)`;
      break;
    }
    if (!/^[\x20-\x7e]{4}$/.test(h.type) || u32At(buf, o) === 0) {
      // Zero-filled or garbage tails (a crash can leave either) are not boxes.
      problem = `bytes at ${o} are not a box (type '${printable(h.type)}', size ${u32At(buf, o)})`;
      break;
    }
    if (pendingMoof !== undefined && h.type !== 'mdat') {
      problem = `'moof' at ${pendingMoof.start} is followed by '${h.type}', not 'mdat'`;
      break;
    }
    if (h.type === 'moof') {
      pendingMoof = h;
    } else if (h.type === 'mdat' && pendingMoof !== undefined) {
      const result = completeFragment(buf, pendingMoof, h, trex);
      if (typeof result === 'string') {
        problem = result;
        break;
      }
      fragments.push(result);
      pendingMoof = undefined;
      valid = h.end;
    } else {
      if (h.type === 'moov' && init === undefined) {
        init = { start: 0, end: h.end };
        trex = defaultsOf(buf, h);
      }
      valid = h.end;
    }
    o = h.end;
  }
  if (problem === undefined && pendingMoof !== undefined) {
    problem = `'moof' at ${pendingMoof.start} has no 'mdat'`;
  }
  return { init, fragments, validLength: valid, tornBytes: buf.length - valid, problem };
}

/** Parses `moof` and checks its samples lie in `mdat`; a message instead when they do not. */
function completeFragment(
  buf: Uint8Array,
  moof: BoxHeader,
  mdat: BoxHeader,
  trex: SampleDefaults | undefined,
): FragmentInfo | string {
  let parsed: ParsedMoof;
  try {
    parsed = parseMoof(buf, moof, trex);
    checkSamplesIn(parsed.samples, mdat);
  } catch (e) {
    return e instanceof Mp4Error ? e.message : String(e);
  }
  const { samples } = parsed;
  let durationTicks = 0;
  for (const s of samples) durationTicks += s.durationTicks;
  return {
    start: moof.start,
    end: mdat.end,
    sequenceNumber: parsed.sequenceNumber,
    baseMediaDecodeTime: parsed.baseMediaDecodeTime,
    durationTicks,
    sampleCount: samples.length,
    startsWithKey: samples[0]?.isKey ?? false,
    mdatBytes: mdat.end - mdat.start - mdat.headerSize,
  };
}

/** Throws `Mp4Error` unless every sample's bytes lie inside the payload of `mdat`. */
export function checkSamplesIn(samples: readonly MoofSample[], mdat: BoxHeader): void {
  const from = mdat.start + mdat.headerSize;
  for (const [i, s] of samples.entries()) {
    if (s.offset < from || s.offset + s.size > mdat.end) {
      throw new Mp4Error(
        `sample ${i} [${s.offset}, ${s.offset + s.size}) lies outside the 'mdat' [${from}, ${mdat.end})`,
      );
    }
  }
}

function defaultsOf(buf: Uint8Array, moov: BoxHeader): SampleDefaults | undefined {
  try {
    return trexDefaults(buf, moov);
  } catch {
    return undefined;
  }
}
