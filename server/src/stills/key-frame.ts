/**
 * Key frames of recordings, for timeline thumbnails: where the key frame at or before an instant
 * is (segment and fragment, from the recording index alone, without reading the file), and its
 * picture decoded alone, scaled to a small width. Only the one fragment that starts with the key
 * frame is read, and only its first picture is decoded, so a thumbnail is cheap and the same for
 * every instant up to the next key frame (a cache can key it by segment and fragment).
 */
import { notFound } from '../app/index.ts';
import { fromAvcc, readBoxHeader, parseMoof } from '../media/index.ts';
import {
  indexSegment,
  type RecordedFiles,
  type Segment,
  segmentsInRange,
} from '../recording/index.ts';
import type { RecordingDb } from '../recording/index.ts';
import { decodeStill } from './still-decoder.ts';

/** Where the key frame at or before an instant is. */
export interface KeyFrameLocation {
  /** The segment row holding it. */
  segment: Segment;
  /** Index of the fragment that starts with the key frame, in its segment. */
  fragmentIndex: number;
  /** Wall time of the key frame, UTC ms (fractional). */
  frameMs: number;
}

/** A key frame decoded to a small JPEG. */
export interface KeyFrameThumbnail {
  image: Buffer;
  /** Picture size of the thumbnail. */
  width: number;
  height: number;
}

const noRecording = (cameraId: string, atMs: number) =>
  notFound(`recording of camera ${cameraId} at ${new Date(atMs).toISOString()}`);

/**
 * The key frame of the main stream of `cameraId` at or before `atMs` (in the segment recording
 * then); `not_found` when nothing was recorded at `atMs` (no segment, or past the end of the
 * last fragment by more than a second: a hole).
 */
export async function locateKeyFrame(
  db: RecordingDb,
  cameraId: string,
  atMs: number,
): Promise<KeyFrameLocation> {
  const rows = await segmentsInRange(db, { cameraId, stream: 'main' }, atMs, atMs + 1);
  const row = rows.filter((r) => r.start_ms <= atMs).pop();
  if (!row) throw noRecording(cameraId, atMs);
  const seg = indexSegment(row);
  const t90k = (atMs - row.start_ms) * 90;
  let target = -1;
  for (let i = 0; i < seg.fragments.length; i++) {
    if ((seg.fragments[i]?.decodeTime90k ?? Infinity) <= t90k) target = i;
  }
  const last = seg.fragments[target];
  if (!last || t90k > last.decodeTime90k + last.duration90k + 90_000) {
    throw noRecording(cameraId, atMs);
  }
  let key = target;
  while (key > 0 && !seg.fragments[key]?.startsWithKey) key--;
  const first = seg.fragments[key];
  if (!first?.startsWithKey) throw noRecording(cameraId, atMs);
  return { segment: row, fragmentIndex: key, frameMs: row.start_ms + first.decodeTime90k / 90 };
}

/** The key frame at `loc` decoded alone and scaled to `width` pixels (height kept in ratio). */
export async function decodeKeyFrame(
  files: RecordedFiles,
  loc: KeyFrameLocation,
  width: number,
): Promise<KeyFrameThumbnail> {
  const row = loc.segment;
  const f = indexSegment(row).fragments[loc.fragmentIndex];
  if (!f) throw notFound(`fragment ${loc.fragmentIndex} of segment ${row.id}`);
  const fh = await files.open(row);
  let bytes: Buffer;
  let init;
  try {
    init = await files.readInit(row, fh);
    bytes = await files.read(fh, row, f.byteOffset, f.sizeBytes);
  } finally {
    await fh.close();
  }
  const moof = readBoxHeader(bytes, 0);
  if (!moof) throw notFound(`fragment ${loc.fragmentIndex} of segment ${row.id}`);
  const sample = parseMoof(bytes, moof, init.info.sampleDefaults).samples[0];
  if (!sample) throw notFound(`key frame of fragment ${loc.fragmentIndex} of segment ${row.id}`);
  const data = bytes.subarray(sample.offset, sample.offset + sample.size);
  const image = await decodeStill({
    params: init.info.params,
    pictures: [fromAvcc(data, init.info.nalLengthSize)],
    index: 0,
    format: 'jpeg',
    width,
  });
  const srcW = init.info.width || width;
  const srcH = init.info.height || width;
  return { image, width, height: scaledHeight(srcW, srcH, width) };
}

/** The height ffmpeg's `scale=W:-2` gives: in ratio, rounded to an even number. */
export function scaledHeight(srcWidth: number, srcHeight: number, width: number): number {
  return Math.max(2, Math.round((srcHeight * width) / srcWidth / 2) * 2);
}
