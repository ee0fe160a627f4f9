/**
 * Camera events past retention: the timeline's motion, tamper and input intervals of a camera are
 * kept as long as its recordings (its `retention_days`; a camera no longer registered, the
 * unregistered cameras' days), so a marker never outlives the footage it points at. An interval is
 * deleted once it ended before the cutoff, unless it overlaps a legal hold in force on its camera
 * (held footage keeps its markers). Open intervals are never deleted.
 */
import type { Logger } from '../app/index.ts';
import {
  cameraIdsWithEvents,
  deleteEventsBefore,
  type CameraEventsDb,
} from '../camera-events/index.ts';
import { cameraRetentionDays, retentionCutoffMs, type CamerasDb } from '../cameras/index.ts';
import { heldRangesByCamera, type HoldsDb } from '../holds/index.ts';

/** What the purge reads and deletes. */
export interface CameraEventPurgeDeps {
  db: CameraEventsDb;
  camerasDb: CamerasDb;
  holdsDb: HoldsDb;
  nowMs: number;
  /** Days kept for a camera that is not registered any more. */
  unregisteredDays: number;
  logger: Logger;
}

/** Deletes the camera events past their camera's retention; returns how many. */
export async function purgeCameraEvents(deps: CameraEventPurgeDeps): Promise<number> {
  const days = new Map(
    (await cameraRetentionDays(deps.camerasDb)).map((c) => [c.id, c.retention_days]),
  );
  const cameraIds = await cameraIdsWithEvents(deps.db);
  const held = await heldRangesByCamera(deps.holdsDb, deps.nowMs, cameraIds);
  let deleted = 0;
  for (const cameraId of cameraIds) {
    const cutoff = retentionCutoffMs(deps.nowMs, days.get(cameraId) ?? deps.unregisteredDays);
    deleted += await deleteEventsBefore(deps.db, cameraId, cutoff, held.get(cameraId) ?? []);
  }
  if (deleted > 0) deps.logger.info({ events: deleted }, 'retention: camera events deleted');
  return deleted;
}
