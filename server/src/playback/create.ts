/**
 * Builds the installation's playback service: recordings read from `<storage.path>/recordings`,
 * live stills from the ingest hubs.
 */
import path from 'node:path';
import type { AccessService } from '../access/index.ts';
import type { Clock, Config, Logger } from '../app/index.ts';
import type { AuditRecorder } from '../audit/index.ts';
import type { HoldsDb } from '../holds/index.ts';
import type { IngestManager } from '../ingest/index.ts';
import { RECORDINGS_DIR, type RecordingDb } from '../recording/index.ts';
import type { MaskService } from '../privacy/index.ts';
import { PlaybackService } from './playback-service.ts';
import type { TimelineIndexSources } from './timeline-index.ts';
import type { CameraEventService } from '../camera-events/index.ts';

/** Creates the playback service. */
export function createPlayback(deps: {
  recordingDb: RecordingDb;
  /** The latest deletion run, if any (retention's `latestRun`). */
  latestDeletionRun: TimelineIndexSources['latestDeletionRun'];
  holdsDb: HoldsDb;
  clock: Clock;
  config: Config;
  access: AccessService;
  /** Where the watched ranges of playback sessions are written. */
  audit: AuditRecorder;
  logger?: Logger;
  ingest: IngestManager;
  /** Privacy masks burned into stills. */
  masks?: Pick<MaskService, 'masksFor'>;
  /** The cameras' events shown on the timeline. */
  cameraEvents?: Pick<CameraEventService, 'overlapping'>;
}): PlaybackService {
  return new PlaybackService({
    recordingDb: deps.recordingDb,
    latestDeletionRun: deps.latestDeletionRun,
    holdsDb: deps.holdsDb,
    clock: deps.clock,
    access: deps.access,
    audit: deps.audit,
    logger: deps.logger,
    ...(deps.masks ? { masks: deps.masks } : {}),
    ...(deps.cameraEvents ? { cameraEvents: deps.cameraEvents } : {}),
    timeZone: deps.config.site.timeZone,
    recordingsRoot: path.join(deps.config.storage.path, RECORDINGS_DIR),
    liveHub: (cameraId) =>
      deps.ingest.cameraIds().includes(cameraId) ? deps.ingest.hub(cameraId, 'main') : undefined,
  });
}
