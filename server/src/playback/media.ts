/**
 * What the browser's player fetches: for a window of a camera, the segments with their codec and
 * fragment list (time, duration, key flag); a segment's init segment; and a run of whole recorded
 * fragments (`moof` + `mdat`) as stored. The player appends them to Media Source Extensions with
 * `timestampOffset` set to the segment's wall-clock start, so nothing is remuxed or transcoded.
 */
import { invalidArgument, notFound } from '../app/index.ts';
import {
  segmentById,
  segmentsInRange,
  type Segment,
  indexSegment,
  type RecordedFiles,
} from '../recording/index.ts';
import type { RecordingDb } from '../recording/index.ts';
import type { StreamKind } from '../ingest/index.ts';

/** A segment as the player sees it. */
export interface MediaSegment {
  id: number;
  startMs: number;
  endMs: number;
  codecString: string;
  width: number;
  height: number;
  /** Per fragment: start (ms from the segment start), duration (ms), starts with a key frame. */
  fragments: [startMs: number, durationMs: number, key: 0 | 1][];
  /** False while the recorder is still writing it (more fragments will come). */
  complete: boolean;
  /** Frames per second (frames over duration), for frame stepping. */
  frameRate: number;
}

/** Longest window one listing covers. */
export const MAX_LISTING_MS = 2 * 3_600_000;
/** Most fragments in one media request. */
export const MAX_FRAGMENTS = 120;

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

/** The segments of a camera stream overlapping `[fromMs, toMs)`. */
export async function listMedia(
  db: RecordingDb,
  cameraId: string,
  fromMs: number,
  toMs: number,
  stream: StreamKind = 'main',
): Promise<MediaSegment[]> {
  if (!(toMs > fromMs)) throw invalidArgument('to: must be after from');
  if (toMs - fromMs > MAX_LISTING_MS) throw invalidArgument('to: at most 2 hours after from');
  const rows = await segmentsInRange(db, { cameraId, stream }, fromMs, toMs);
  return rows.map((row) => {
    const seg = indexSegment(row);
    return {
      id: row.id,
      startMs: row.start_ms,
      endMs: row.end_ms,
      codecString: row.codec_string,
      width: row.width,
      height: row.height,
      fragments: seg.fragments.map((f) => [
        round3(f.decodeTime90k / 90),
        round3(f.duration90k / 90),
        f.startsWithKey ? 1 : 0,
      ]),
      complete: row.state === 'complete',
      frameRate:
        row.duration_90k > 0
          ? Math.round((row.frame_count * 90_000 * 100) / row.duration_90k) / 100
          : 25,
    };
  });
}

/** A segment row of a camera; `not_found` for another camera's. */
export async function segmentOf(db: RecordingDb, cameraId: string, id: number): Promise<Segment> {
  const row = await segmentById(db, id);
  if (!row || row.camera_id !== cameraId) throw notFound(`segment ${id}`);
  return row;
}

/** The init segment of a segment. */
export async function initBytes(files: RecordedFiles, row: Segment): Promise<Buffer> {
  return (await files.readInit(row)).bytes;
}

/** Fragments `first .. first+count-1` of a segment, as stored (moof + mdat each). */
export async function fragmentBytes(
  files: RecordedFiles,
  row: Segment,
  first: number,
  count: number,
): Promise<{ bytes: Buffer; startMs: number; endMs: number }> {
  if (count < 1 || count > MAX_FRAGMENTS) {
    throw invalidArgument(`count: must be from 1 to ${MAX_FRAGMENTS}`);
  }
  const seg = indexSegment(row);
  const a = seg.fragments[first];
  const b = seg.fragments[Math.min(first + count, seg.fragments.length) - 1];
  if (!a || !b) throw notFound(`fragment ${first} of segment ${row.id}`);
  const fh = await files.open(row);
  try {
    const bytes = await files.read(
      fh,
      row,
      a.byteOffset,
      b.byteOffset + b.sizeBytes - a.byteOffset,
    );
    return {
      bytes,
      startMs: row.start_ms + a.decodeTime90k / 90,
      endMs: row.start_ms + (b.decodeTime90k + b.duration90k) / 90,
    };
  } finally {
    await fh.close();
  }
}
