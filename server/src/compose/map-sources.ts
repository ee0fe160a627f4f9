/**
 * Where the map reads camera states from: ingest's and recording's in-memory states, one query
 * for the cameras that have privacy masks and one for the register's fields of view.
 */
import type { IngestManager } from '../ingest/index.ts';
import type { MapDeps } from '../map/index.ts';
import type { RecordingService } from '../recording/index.ts';
import type { VedettaDb } from './schema.ts';

/** The map's camera-state sources (everything `createMapService` needs but its config). */
export function mapStateSources(deps: {
  db: VedettaDb;
  ingest: IngestManager;
  recording: RecordingService;
}): Omit<MapDeps, 'config' | 'cameras' | 'ptzCameras'> {
  const { db, ingest, recording } = deps;
  return {
    liveStates: () => new Map(ingest.statuses().map((s) => [s.cameraId, s.main.state])),
    recordingNow: (id) => recording.status(id)?.state === 'recording',
    maskedCameras: async () => {
      const rows = await db.selectFrom('privacy_masks').select('camera_id').distinct().execute();
      return new Set(rows.map((r) => r.camera_id));
    },
    fieldsOfView: async () => {
      const rows = await db
        .selectFrom('camera_register')
        .select(['camera_id', 'view_direction_deg', 'view_angle_deg', 'view_range_m'])
        .where('view_range_m', 'is not', null)
        .execute();
      return new Map(
        rows.map((r) => [
          r.camera_id,
          {
            directionDeg: r.view_direction_deg ?? 0,
            angleDeg: r.view_angle_deg ?? 0,
            rangeM: r.view_range_m ?? 0,
          },
        ]),
      );
    },
  };
}
