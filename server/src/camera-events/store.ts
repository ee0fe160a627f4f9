/**
 * Reading and writing the `camera_events` table: insert an interval, change one, close those left
 * open, read a window of cameras, delete a camera's oldest. Same queries on SQLite and PostgreSQL.
 */
import type { CameraEventEndCause, CameraEventRow, CameraEventsDb } from './tables.ts';

/** A row with its integers as numbers (PostgreSQL's bigint may come back as a string). */
function normalize(r: CameraEventRow): CameraEventRow {
  return {
    ...r,
    started_ms: Number(r.started_ms),
    ended_ms: r.ended_ms === null ? null : Number(r.ended_ms),
    last_seen_ms: Number(r.last_seen_ms),
    triggers: Number(r.triggers),
  };
}

/** Stores a new interval. */
export async function insertEvent(db: CameraEventsDb, row: CameraEventRow): Promise<void> {
  await db.insertInto('camera_events').values(row).execute();
}

/** Changes an interval. */
export async function updateEvent(
  db: CameraEventsDb,
  id: string,
  set: Partial<Pick<CameraEventRow, 'ended_ms' | 'end_cause' | 'last_seen_ms' | 'triggers'>>,
): Promise<void> {
  await db.updateTable('camera_events').set(set).where('id', '=', id).execute();
}

/**
 * Ends every interval still open (of every camera) at its `last_seen_ms`, with `cause`: what an
 * earlier process left open when it stopped without saying so. Returns how many.
 */
export async function closeOpenEvents(
  db: CameraEventsDb,
  cause: CameraEventEndCause,
): Promise<number> {
  const open = await db
    .selectFrom('camera_events')
    .select(['id', 'last_seen_ms'])
    .where('ended_ms', 'is', null)
    .execute();
  for (const r of open) {
    await updateEvent(db, r.id, { ended_ms: Number(r.last_seen_ms), end_cause: cause });
  }
  return open.length;
}

/**
 * The intervals of `cameraIds` overlapping `[fromMs, toMs)` (open ones overlap up to now),
 * newest first, at most `limit`.
 */
export async function eventsOverlapping(
  db: CameraEventsDb,
  cameraIds: readonly string[],
  fromMs: number,
  toMs: number,
  limit: number,
): Promise<CameraEventRow[]> {
  if (cameraIds.length === 0) return [];
  const rows = await db
    .selectFrom('camera_events')
    .selectAll()
    .where('camera_id', 'in', cameraIds)
    .where('started_ms', '<', toMs)
    .where((eb) => eb.or([eb('ended_ms', 'is', null), eb('ended_ms', '>=', fromMs)]))
    .orderBy('started_ms', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map(normalize);
}

/** The cameras that have events (unordered). */
export async function cameraIdsWithEvents(db: CameraEventsDb): Promise<string[]> {
  const rows = await db.selectFrom('camera_events').select('camera_id').distinct().execute();
  return rows.map((r) => r.camera_id);
}

/** A range kept whatever its age (a legal hold), half-open UTC ms. */
export interface KeptRange {
  readonly fromMs: number;
  readonly toMs: number;
}

/**
 * Deletes the ended intervals of `cameraId` that ended before `cutoffMs`, except those that
 * overlap a kept range (held footage keeps its markers). Returns how many.
 */
export async function deleteEventsBefore(
  db: CameraEventsDb,
  cameraId: string,
  cutoffMs: number,
  keep: readonly KeptRange[],
): Promise<number> {
  let q = db
    .deleteFrom('camera_events')
    .where('camera_id', '=', cameraId)
    .where('ended_ms', 'is not', null)
    .where('ended_ms', '<', cutoffMs);
  for (const k of keep) {
    // Not overlapping [k.fromMs, k.toMs): it ended before the range or started at its end or after.
    q = q.where((eb) => eb.or([eb('ended_ms', '<', k.fromMs), eb('started_ms', '>=', k.toMs)]));
  }
  const r = await q.executeTakeFirst();
  return Number(r.numDeletedRows);
}
