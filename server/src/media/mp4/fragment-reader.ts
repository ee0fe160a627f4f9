import { readBoxHeader } from './box-reader.ts';
import { parseMoof } from './moof-parser.ts';
import type { MoofSample, SampleDefaults } from './moof-parser.ts';
import { checkSamplesIn } from './fragment-scanner.ts';
import type { ByteRange } from './fragment-scanner.ts';
import { Mp4Error } from './mp4-error.ts';

/**
 * The samples of one fragment, for export (copying samples into a new file) and for verifying
 * frames: each sample's absolute byte range, decode time, duration and sync flag.
 */

/**
 * Reads the samples of the fragment whose `moof` starts at `fragment.start` (as found by
 * `scanFragments`). Pass the init segment's `sampleDefaults` for files that rely on `trex`
 * defaults. Throws `Mp4Error` when the `moof`/`mdat` pair is malformed or cut off.
 */
export function readFragmentSamples(
  buf: Uint8Array,
  fragment: ByteRange,
  defaults?: SampleDefaults,
): MoofSample[] {
  const moof = readBoxHeader(buf, fragment.start);
  if (moof === undefined || moof.type !== 'moof' || moof.end > buf.length) {
    throw new Mp4Error(`no complete 'moof' at ${fragment.start}`);
  }
  const mdat = readBoxHeader(buf, moof.end);
  if (mdat === undefined || mdat.type !== 'mdat' || mdat.end > buf.length) {
    throw new Mp4Error(`no complete 'mdat' after the 'moof' at ${fragment.start}`);
  }
  const { samples } = parseMoof(buf, moof, defaults);
  checkSamplesIn(samples, mdat);
  return samples;
}
