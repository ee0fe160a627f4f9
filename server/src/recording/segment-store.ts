/**
 * The recording index in the database: segment rows (created when a segment's first fragment is
 * on disk, updated every few seconds while it grows, completed when it closes), gaps (at most one
 * open per camera stream) and recording periods (when a stream was expected to be recorded).
 * The same queries run on SQLite and PostgreSQL.
 */
import type { Selectable } from 'kysely';
import type { RecordingDb, GapRow, RecordingPeriodRow, SegmentRow } from './tables.ts';
import type { GapCause, StreamKind } from '../ingest/index.ts';

/** A segment row as read back. */
export type Segment = Selectable<SegmentRow>;
/** A gap row as read back. */
export type Gap = Selectable<GapRow>;
/** A recording period row as read back. */
export type RecordingPeriod = Selectable<RecordingPeriodRow>;

/** Longest segment the schema allows (CHECK `segments_at_most_one_hour`); bounds range scans. */
export const MAX_SEGMENT_MS = 3_600_000;

/** A camera stream. */
export interface StreamRef {
  cameraId: string;
  stream: StreamKind;
}

/** What is known when a segment's file is created. */
export interface NewSegment extends StreamRef {
  path: string;
  startMs: number;
  codec: 'h264' | 'h265';
  codecString: string;
  width: number;
  height: number;
  initSha256: string;
}

/** The growing part of a segment. */
export interface SegmentProgress {
  endMs: number;
  duration90k: number;
  sizeBytes: number;
  frameCount: number;
  keyFrames: Uint8Array;
  fragments: Uint8Array;
}

/**
 * What closing (or repairing) a segment adds. Signed with statement v2: the segment digest is
 * `fragmentsSha256`, and the row's whole-file `sha256` stays NULL (only v1 rows have one).
 */
export interface SegmentCompletion extends SegmentProgress {
  closedBy: 'writer' | 'repair';
  fragmentsSha256: string;
  signature: string;
  keyFingerprint: string;
}

const blob = (b: Uint8Array): Buffer => Buffer.from(b.buffer, b.byteOffset, b.byteLength);

/** Inserts a segment in state `writing`; its id. */
export async function insertSegment(
  db: RecordingDb,
  s: NewSegment,
  p: SegmentProgress,
  nowMs: number,
): Promise<number> {
  const row = await db
    .insertInto('segments')
    .values({
      camera_id: s.cameraId,
      stream: s.stream,
      path: s.path,
      start_ms: s.startMs,
      end_ms: p.endMs,
      duration_90k: p.duration90k,
      size_bytes: p.sizeBytes,
      frame_count: p.frameCount,
      codec: s.codec,
      codec_string: s.codecString,
      width: s.width,
      height: s.height,
      state: 'writing',
      closed_by: null,
      init_sha256: s.initSha256,
      sha256: null,
      fragments_sha256: null,
      signature: null,
      key_fingerprint: null,
      key_frames: blob(p.keyFrames),
      fragments: blob(p.fragments),
      updated_ms: nowMs,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/** Records a writing segment's growth. */
export async function updateSegmentProgress(
  db: RecordingDb,
  id: number,
  p: SegmentProgress,
  nowMs: number,
): Promise<void> {
  await db
    .updateTable('segments')
    .set({
      end_ms: p.endMs,
      duration_90k: p.duration90k,
      size_bytes: p.sizeBytes,
      frame_count: p.frameCount,
      key_frames: blob(p.keyFrames),
      fragments: blob(p.fragments),
      updated_ms: nowMs,
    })
    .where('id', '=', id)
    .execute();
}

/** Marks a segment complete with its final figures, segment digest and signature. */
export async function completeSegment(
  db: RecordingDb,
  id: number,
  c: SegmentCompletion,
  nowMs: number,
): Promise<void> {
  await db
    .updateTable('segments')
    .set({
      state: 'complete',
      closed_by: c.closedBy,
      end_ms: c.endMs,
      duration_90k: c.duration90k,
      size_bytes: c.sizeBytes,
      frame_count: c.frameCount,
      key_frames: blob(c.keyFrames),
      fragments: blob(c.fragments),
      sha256: null,
      fragments_sha256: c.fragmentsSha256,
      signature: c.signature,
      key_fingerprint: c.keyFingerprint,
      updated_ms: nowMs,
    })
    .where('id', '=', id)
    .execute();
}

/** Deletes a segment row whose file held no complete fragment (see repair). */
export async function deleteSegmentRow(db: RecordingDb, id: number): Promise<void> {
  await db.deleteFrom('segments').where('id', '=', id).execute();
}

/** Every segment still in state `writing` (after a crash: the ones to repair). */
export async function writingSegments(db: RecordingDb): Promise<Segment[]> {
  return db.selectFrom('segments').selectAll().where('state', '=', 'writing').execute();
}

/** The row of a path, if indexed. */
export async function segmentByPath(db: RecordingDb, path: string): Promise<Segment | undefined> {
  return db.selectFrom('segments').selectAll().where('path', '=', path).executeTakeFirst();
}

/** A segment by id. */
export async function segmentById(db: RecordingDb, id: number): Promise<Segment | undefined> {
  return db.selectFrom('segments').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Segments of a camera stream overlapping `[fromMs, toMs)`, oldest first. */
export async function segmentsInRange(
  db: RecordingDb,
  ref: StreamRef,
  fromMs: number,
  toMs: number,
): Promise<Segment[]> {
  return db
    .selectFrom('segments')
    .selectAll()
    .where('camera_id', '=', ref.cameraId)
    .where('stream', '=', ref.stream)
    .where('start_ms', '>', fromMs - MAX_SEGMENT_MS)
    .where('start_ms', '<', toMs)
    .where('end_ms', '>', fromMs)
    .orderBy('start_ms')
    .orderBy('id')
    .execute();
}

/** Start and end of the latest segment of a camera stream, if any. */
export async function lastSegment(
  db: RecordingDb,
  ref: StreamRef,
): Promise<{ start_ms: number; end_ms: number } | undefined> {
  return db
    .selectFrom('segments')
    .select(['start_ms', 'end_ms'])
    .where('camera_id', '=', ref.cameraId)
    .where('stream', '=', ref.stream)
    .orderBy('start_ms', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The open gap of a camera stream, if any. */
export async function openGapOf(db: RecordingDb, ref: StreamRef): Promise<Gap | undefined> {
  return db
    .selectFrom('gaps')
    .selectAll()
    .where('camera_id', '=', ref.cameraId)
    .where('stream', '=', ref.stream)
    .where('end_ms', 'is', null)
    .executeTakeFirst();
}

/**
 * Opens a gap unless one is already open for the stream (the first cause stands: a camera that
 * went offline and then fails to reconnect is still offline). Returns the open gap.
 */
export async function openGap(
  db: RecordingDb,
  ref: StreamRef,
  startMs: number,
  cause: GapCause,
  message: string,
): Promise<Gap> {
  const existing = await openGapOf(db, ref);
  if (existing) return existing;
  return db
    .insertInto('gaps')
    .values({
      camera_id: ref.cameraId,
      stream: ref.stream,
      start_ms: startMs,
      end_ms: null,
      cause,
      message: message.slice(0, 1000),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * Closes the stream's open gap at `endMs` (clamped to its start); a gap that ends where it began
 * is removed, as nothing was missed. Returns the closed gap, if there was one.
 */
export async function closeGap(
  db: RecordingDb,
  ref: StreamRef,
  endMs: number,
): Promise<Gap | undefined> {
  const open = await openGapOf(db, ref);
  if (!open) return undefined;
  const end = Math.max(endMs, open.start_ms);
  if (end === open.start_ms) {
    await db.deleteFrom('gaps').where('id', '=', open.id).execute();
    return undefined;
  }
  await db.updateTable('gaps').set({ end_ms: end }).where('id', '=', open.id).execute();
  return { ...open, end_ms: end };
}

/** Gaps of a camera stream overlapping `[fromMs, toMs)` (open ones included), oldest first. */
export async function gapsInRange(
  db: RecordingDb,
  ref: StreamRef,
  fromMs: number,
  toMs: number,
): Promise<Gap[]> {
  return db
    .selectFrom('gaps')
    .selectAll()
    .where('camera_id', '=', ref.cameraId)
    .where('stream', '=', ref.stream)
    .where('start_ms', '<', toMs)
    .where((eb) => eb.or([eb('end_ms', 'is', null), eb('end_ms', '>', fromMs)]))
    .orderBy('start_ms')
    .execute();
}

/** Opens a recording period for the stream unless one is open; the open period. */
export async function ensurePeriodOpen(
  db: RecordingDb,
  ref: StreamRef,
  nowMs: number,
): Promise<RecordingPeriod> {
  const open = await db
    .selectFrom('recording_periods')
    .selectAll()
    .where('camera_id', '=', ref.cameraId)
    .where('stream', '=', ref.stream)
    .where('end_ms', 'is', null)
    .executeTakeFirst();
  if (open) return open;
  return db
    .insertInto('recording_periods')
    .values({ camera_id: ref.cameraId, stream: ref.stream, start_ms: nowMs, end_ms: null })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Ends the stream's open recording period (the camera is no longer to be recorded). */
export async function closePeriod(db: RecordingDb, ref: StreamRef, nowMs: number): Promise<void> {
  await db
    .updateTable('recording_periods')
    .set({ end_ms: nowMs })
    .where('camera_id', '=', ref.cameraId)
    .where('stream', '=', ref.stream)
    .where('end_ms', 'is', null)
    .execute();
}

/** Every open recording period. */
export async function openPeriods(db: RecordingDb): Promise<RecordingPeriod[]> {
  return db.selectFrom('recording_periods').selectAll().where('end_ms', 'is', null).execute();
}

/** Recording periods of a stream overlapping `[fromMs, toMs)`. */
export async function periodsInRange(
  db: RecordingDb,
  ref: StreamRef,
  fromMs: number,
  toMs: number,
): Promise<RecordingPeriod[]> {
  return db
    .selectFrom('recording_periods')
    .selectAll()
    .where('camera_id', '=', ref.cameraId)
    .where('stream', '=', ref.stream)
    .where('start_ms', '<', toMs)
    .where((eb) => eb.or([eb('end_ms', 'is', null), eb('end_ms', '>', fromMs)]))
    .orderBy('start_ms')
    .execute();
}
