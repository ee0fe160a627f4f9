/**
 * Builds the installation's playback service: recordings read from `<storage.path>/recordings`,
 * live stills from the ingest hubs.
 */
import path from 'node:path';
import type { AccessService } from '../access/service.ts';
import type { Clock } from '../app/clock.ts';
import type { Config } from '../app/config.ts';
import type { Db } from '../db/database.ts';
import type { IngestManager } from '../ingest/manager.ts';
import { RECORDINGS_DIR } from '../recording/create.ts';
import type { MaskService } from '../privacy/masks.ts';
import { PlaybackService } from './playback-service.ts';

/** Creates the playback service. */
export function createPlayback(deps: {
  db: Db;
  clock: Clock;
  config: Config;
  access: AccessService;
  ingest: IngestManager;
  /** Privacy masks burned into stills. */
  masks?: Pick<MaskService, 'masksFor'>;
}): PlaybackService {
  return new PlaybackService({
    db: deps.db,
    clock: deps.clock,
    access: deps.access,
    ...(deps.masks ? { masks: deps.masks } : {}),
    recordingsRoot: path.join(deps.config.storage.path, RECORDINGS_DIR),
    liveHub: (cameraId) =>
      deps.ingest.cameraIds().includes(cameraId) ? deps.ingest.hub(cameraId, 'main') : undefined,
  });
}
