/**
 * How the live module is built from the installation's services: access from the accounts'
 * sessions, the camera registry and the access module's re-check (`stillAllowed`), hubs from the
 * ingest manager, and the access module's change events re-checking running streams at once.
 */
import type { Clock, Config, Logger } from '../app/index.ts';
import type { Accounts } from '../accounts/index.ts';
import type { AccessService } from '../access/index.ts';
import type { AuditRecorder } from '../audit/index.ts';
import type { CameraRegistry } from '../cameras/index.ts';
import type { IngestManager } from '../ingest/index.ts';
import type { RecordingService } from '../recording/index.ts';
import type { AlarmSources } from './alarm-feed.ts';
import type { HubSource, ViewerHubs } from './hub-source.ts';
import { registryLiveAccess } from './live-access.ts';
import { createLiveService, type LiveService, type LiveDeps } from './live-service.ts';

/** The services the live module is built from. */
export interface LiveWiring {
  clock: Clock;
  logger: Logger;
  accounts: Accounts;
  access: AccessService;
  cameras: CameraRegistry;
  audit: AuditRecorder;
  ingest: IngestManager;
  recording: RecordingService;
  /** The retention module's alarm board (disk pressure, failed deletion runs). */
  alarms?: AlarmSources['board'];
  settings?: LiveDeps['settings'];
  /** Per-viewer hubs: the masking module's (masks burned in for partner viewers). */
  viewerHubs?: ViewerHubs;
}

/** The live settings a configuration's `live` section gives. */
export function liveSettingsOf(live: Config['live']): NonNullable<LiveDeps['settings']> {
  const w = live.webrtc;
  return {
    tokenTtlMs: live.tokenSeconds * 1000,
    recheckMs: live.recheckSeconds * 1000,
    mseMaxBufferedBytes: live.mseMaxBufferedKiB * 1024,
    webrtc: {
      iceServers: w.iceServers,
      ...(w.bindAddress !== null ? { bindAddress: w.bindAddress } : {}),
      ...(w.portRangeBegin !== null ? { portRangeBegin: w.portRangeBegin } : {}),
      ...(w.portRangeEnd !== null ? { portRangeEnd: w.portRangeEnd } : {}),
    },
  };
}

/** The ingest manager's hubs, `undefined` for a camera or stream it does not have. */
export function ingestHubs(ingest: IngestManager): HubSource {
  return {
    hub(cameraId, stream) {
      if (!ingest.cameraIds().includes(cameraId)) return undefined;
      try {
        return ingest.hub(cameraId, stream);
      } catch {
        return undefined;
      }
    },
  };
}

/** Creates the live module on the installation's services. */
export function createLive(w: LiveWiring): LiveService {
  const live = createLiveService({
    clock: w.clock,
    logger: w.logger,
    access: registryLiveAccess({
      sessions: w.accounts.sessions,
      cameras: w.cameras,
      allowed: (principal, cameraId) => w.access.stillAllowed(principal, cameraId, 'live.view'),
    }),
    audit: w.audit,
    hubs: ingestHubs(w.ingest),
    ...(w.viewerHubs ? { viewerHubs: w.viewerHubs } : {}),
    alarmSources: {
      streamStates: () =>
        w.ingest.statuses().flatMap((c) =>
          [c.main, c.sub].flatMap((s) =>
            s === null
              ? []
              : [
                  {
                    cameraId: c.cameraId,
                    stream: s.stream,
                    state: s.state,
                    ...(s.lastError ? { message: s.lastError.message } : {}),
                  },
                ],
          ),
        ),
      recordingGaps: () =>
        w.recording.allStatuses().map((s) => ({
          cameraId: s.cameraId,
          open: s.openGap && { cause: s.openGap.cause, message: s.openGap.message },
        })),
      ...(w.alarms ? { board: w.alarms } : {}),
    },
    ...(w.settings ? { settings: w.settings } : {}),
  });
  const unsubscribe = w.access.onAccessChanged(() => {
    live.viewers.recheckNow().catch((err: unknown) => {
      w.logger.error({ err }, 'live: re-check after an access change failed');
    });
  });
  return {
    ...live,
    close: async () => {
      unsubscribe();
      await live.close();
    },
  };
}
