/**
 * Row types of the camera events table, as the typed query layer sees them. The migration
 * `0018-camera-events` creates it and comments every column.
 */
import type { Db } from '../db/index.ts';

/** What a camera reported: motion, tampering (defocus, cover, scene change), a digital input. */
export type CameraEventKind = 'motion' | 'tamper' | 'input';

/** How an interval ended: the camera said so, the subscription was lost, the server stopped, or
 * it was found open at start after a crash. */
export type CameraEventEndCause = 'camera' | 'lost' | 'stopped' | 'unknown';

/** `camera_events`: one interval during which an event's state was true on a camera. */
export interface CameraEventRow {
  id: string;
  camera_id: string;
  kind: CameraEventKind;
  started_ms: number;
  ended_ms: number | null;
  end_cause: CameraEventEndCause | null;
  last_seen_ms: number;
  triggers: number;
  topic: string;
  source_json: string;
}

/** The camera events table, composed into the database `Schema`. */
export interface CameraEventTables {
  camera_events: CameraEventRow;
}

/** The database as the camera events module may use it: its own table only. */
export type CameraEventsDb = Db<CameraEventTables>;
