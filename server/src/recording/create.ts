/**
 * Builds the installation's recording service from the configuration: recordings under
 * `<storage.path>/recordings`, the installation key from `<storage.path>/keys` (loaded, or
 * created, when recording starts), the `recording` section's tunables, and the ingest manager's
 * hubs.
 */
import path from 'node:path';
import type { Clock, Config, Logger } from '../app/index.ts';
import { isAppError } from '../app/index.ts';
import type { RecordingDb } from './tables.ts';
import type { IngestManager } from '../ingest/index.ts';
import { loadOrCreateInstallationKey } from '../keys/index.ts';
import { RecordingService } from './recording-service.ts';

/** Folder of the recordings under the storage root. */
export const RECORDINGS_DIR = 'recordings';
/** Folder of the installation key under the storage root. */
export const KEYS_DIR = 'keys';

/** Creates (without starting) the recording service of an installation. */
export function createRecordingService(deps: {
  db: RecordingDb;
  clock: Clock;
  logger: Logger;
  config: Config;
  ingest: IngestManager;
}): RecordingService {
  const { config, ingest } = deps;
  const r = config.recording;
  return new RecordingService({
    db: deps.db,
    clock: deps.clock,
    logger: deps.logger,
    storageRoot: path.join(config.storage.path, RECORDINGS_DIR),
    key: () => loadOrCreateInstallationKey(path.join(config.storage.path, KEYS_DIR)),
    ingest: {
      hub(cameraId, stream) {
        try {
          return ingest.hub(cameraId, stream);
        } catch (e) {
          if (isAppError(e, 'not_found')) return undefined;
          throw e;
        }
      },
    },
    options: {
      segmenter: { segmentTargetMs: r.segmentSeconds * 1000, fragmentTargetMs: r.fragmentMs },
      indexUpdateMs: r.indexUpdateSeconds * 1000,
      maxQueuedBytes: r.maxQueuedMiB * 1024 * 1024,
      diskRetryMs: r.diskRetrySeconds * 1000,
      timeZone: config.site.timeZone,
    },
  });
}
