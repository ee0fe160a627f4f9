/**
 * What other modules ask of the recording index: the segments retention deletes (expired, oldest,
 * the rows of deleted files), the recorded range and cameras holds and retention check, and the
 * spans and gaps the playback timeline reads. Each is one query over all cameras asked for.
 */
import { ownTables, type SharedHandle } from '../db/index.ts';
import type { RecordingDb, RecordingTables, SegmentRow } from './tables.ts';
import type { StreamKind } from '../ingest/index.ts';
import type { Gap, StreamRef } from './segment-store.ts';

/** A segment as the retention engine deletes it: its id, camera, file, times and size. */
export interface SegmentFileRow {
  id: number;
  camera_id: string;
  path: string;
  start_ms: number;
  end_ms: number;
  size_bytes: number;
}

/**
 * Complete segments of a camera (every stream) that ended by `cutoffMs`, with an id above
 * `afterId`, in id order, at most `limit`: the retention sweeper's batches.
 */
export async function expiredSegments(
  db: RecordingDb,
  cameraId: string,
  cutoffMs: number,
  afterId: number,
  limit: number,
): Promise<SegmentFileRow[]> {
  return db
    .selectFrom('segments')
    .select(['id', 'camera_id', 'path', 'start_ms', 'end_ms', 'size_bytes'])
    .where('camera_id', '=', cameraId)
    .where('state', '=', 'complete')
    .where('end_ms', '<=', cutoffMs)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
}

/**
 * The oldest complete segments of every camera after the cursor (start time, then id), oldest
 * first, at most `limit`: what disk pressure deletes first.
 */
export async function oldestCompleteSegments(
  db: RecordingDb,
  after: { startMs: number; id: number },
  limit: number,
): Promise<SegmentFileRow[]> {
  return db
    .selectFrom('segments')
    .select(['id', 'camera_id', 'path', 'start_ms', 'end_ms', 'size_bytes'])
    .where('state', '=', 'complete')
    .where((eb) =>
      eb.or([
        eb('start_ms', '>', after.startMs),
        eb.and([eb('start_ms', '=', after.startMs), eb('id', '>', after.id)]),
      ]),
    )
    .orderBy('start_ms')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/**
 * The span recorded for `cameraIds` (any stream, any state): the start of their earliest segment
 * and the end of their latest, or null when none of them has a segment. Legal holds are bounded
 * by it.
 */
export async function recordedRangeOf(
  db: RecordingDb,
  cameraIds: readonly string[],
): Promise<{ fromMs: number; toMs: number } | null> {
  if (cameraIds.length === 0) return null;
  const row = await db
    .selectFrom('segments')
    .select((eb) => [eb.fn.min('start_ms').as('from_ms'), eb.fn.max('end_ms').as('to_ms')])
    .where('camera_id', 'in', [...cameraIds])
    .executeTakeFirst();
  if (row?.from_ms == null || row.to_ms == null) return null;
  return { fromMs: Number(row.from_ms), toMs: Number(row.to_ms) };
}

/** The ids of every camera that has segments in the index (registered or not), each once. */
export async function recordedCameraIds(db: RecordingDb): Promise<string[]> {
  const rows = await db.selectFrom('segments').select('camera_id').distinct().execute();
  return rows.map((r) => r.camera_id);
}

/**
 * Deletes segment rows by id. Takes the caller's transaction: retention forgets the rows of
 * deleted files in the same transaction that closes their journal entries and counts them.
 */
export async function deleteSegmentRows(tx: SharedHandle, ids: readonly number[]): Promise<void> {
  await ownTables<RecordingTables>(tx).deleteFrom('segments').where('id', 'in', ids).execute();
}

/** Start and end of every segment of a camera stream, oldest first (timeline span index). */
export async function segmentTimes(
  db: RecordingDb,
  ref: StreamRef,
): Promise<{ start_ms: number; end_ms: number }[]> {
  return db
    .selectFrom('segments')
    .select(['start_ms', 'end_ms'])
    .where('camera_id', '=', ref.cameraId)
    .where('stream', '=', ref.stream)
    .orderBy('start_ms')
    .execute();
}

/** The highest segment id in the index; 0 when there is none. */
export async function maxSegmentId(db: RecordingDb): Promise<number> {
  const top = await db
    .selectFrom('segments')
    .select((eb) => eb.fn.max('id').as('max'))
    .executeTakeFirst();
  return Number(top?.max ?? 0);
}

/** A segment's place on the timeline: id, camera, start and end (and state, where asked). */
export interface SegmentSpanRow {
  id: number;
  camera_id: string;
  start_ms: number;
  end_ms: number;
}

/** The segments of a stream kind still being written, with their current end. */
export async function writingSegmentSpans(
  db: RecordingDb,
  stream: StreamKind,
): Promise<SegmentSpanRow[]> {
  return db
    .selectFrom('segments')
    .select(['id', 'camera_id', 'start_ms', 'end_ms'])
    .where('state', '=', 'writing')
    .where('stream', '=', stream)
    .execute();
}

/**
 * The segments of a stream kind with an id above `afterId` or among `ids` (unordered), with
 * their state: what changed since the timeline span index last looked.
 */
export async function segmentSpansAfter(
  db: RecordingDb,
  stream: StreamKind,
  afterId: number,
  ids: readonly number[],
): Promise<(SegmentSpanRow & { state: SegmentRow['state'] })[]> {
  return db
    .selectFrom('segments')
    .select(['id', 'camera_id', 'start_ms', 'end_ms', 'state'])
    .where('stream', '=', stream)
    .where((eb) =>
      ids.length > 0
        ? eb.or([eb('id', '>', afterId), eb('id', 'in', ids)])
        : eb('id', '>', afterId),
    )
    .execute();
}

/**
 * Gaps of a stream kind of several cameras overlapping `[fromMs, toMs)` (open ones included),
 * oldest first, in one query: the timeline's gaps.
 */
export async function gapsOfCamerasInRange(
  db: RecordingDb,
  cameraIds: readonly string[],
  stream: StreamKind,
  fromMs: number,
  toMs: number,
): Promise<Pick<Gap, 'camera_id' | 'start_ms' | 'end_ms' | 'cause' | 'message'>[]> {
  return db
    .selectFrom('gaps')
    .select(['camera_id', 'start_ms', 'end_ms', 'cause', 'message'])
    .where('camera_id', 'in', [...cameraIds])
    .where('stream', '=', stream)
    .where('start_ms', '<', toMs)
    .where((eb) => eb.or([eb('end_ms', 'is', null), eb('end_ms', '>', fromMs)]))
    .orderBy('start_ms')
    .execute();
}
