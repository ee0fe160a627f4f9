/**
 * Keeps ingest and recording in step with the camera registry: every enabled camera is ingested
 * and the streams its `recording.streams` names recorded (both where it has a sub-stream, unless
 * configured to record the main stream alone); a camera disabled or removed is let go (its
 * recording periods end). Runs once at start-up (the first run starts the recorder, repair included) and then
 * every `intervalMs`, so that cameras added or changed through the API are picked up.
 * Credentials are resolved on every run: a `file:` reference must still lie inside the secrets
 * directory (a file swapped for a link pointing elsewhere is refused and the camera not ingested).
 */
import type { Clock, TimerHandle, Logger } from '../app/index.ts';
import type { CameraRegistry, Camera } from '../cameras/index.ts';
import { recordedStreamsOf, resolveCameraCredentials } from '../cameras/index.ts';
import type { IngestCamera, IngestManager } from '../ingest/index.ts';
import type { RecordedCamera, RecordingService } from './recording-service.ts';

/** What the sync needs. */
export interface CameraSyncDeps {
  cameras: CameraRegistry;
  ingest: IngestManager;
  recording: RecordingService;
  clock: Clock;
  logger: Logger;
  /** Where `env:` credential references are read from (default `process.env`). */
  env?: NodeJS.ProcessEnv;
  /** The only folder `file:` credential references may point into; none: they are refused. */
  secretsDirectory?: string;
  /** Default 30 s. */
  intervalMs?: number;
}

/**
 * Turns a registry camera into what ingest needs; undefined when its credentials fail (a
 * `file:` reference outside `secretsDirectory` included).
 */
export function ingestCameraOf(
  camera: Camera,
  logger: Logger,
  env?: NodeJS.ProcessEnv,
  secretsDirectory?: string,
): IngestCamera | undefined {
  let credentials: IngestCamera['credentials'];
  if (camera.credentialsRef !== null) {
    try {
      credentials = resolveCameraCredentials(camera.credentialsRef, {
        env,
        ...(secretsDirectory !== undefined ? { fileDirectory: secretsDirectory } : {}),
      });
    } catch (e) {
      logger.error({ err: e, cameraId: camera.id }, 'camera credentials unavailable; not ingested');
      return undefined;
    }
  }
  return {
    id: camera.id,
    mainUrl: camera.streams.main,
    ...(camera.streams.sub !== null ? { subUrl: camera.streams.sub } : {}),
    ...(credentials ? { credentials } : {}),
    ...(camera.allowBasicOverPlainRtsp ? { allowBasicOverPlainRtsp: true } : {}),
  };
}

/** The periodic registry → ingest → recording sync. */
export class CameraSync {
  private timer: TimerHandle | undefined;
  private running: Promise<void> = Promise.resolve();
  private stopped = false;
  private recordingStarted = false;

  constructor(private readonly deps: CameraSyncDeps) {}

  /** Brings ingest and recording in line with the registry now (runs are serialised). */
  sync(): Promise<void> {
    const run = this.running.then(() => this.syncOnce());
    this.running = run.catch(() => undefined);
    return run;
  }

  /** Syncs now, then every `intervalMs` until `stop`. */
  async start(): Promise<void> {
    await this.sync();
    this.schedule();
  }

  /** Stops the periodic sync and waits for a run in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.timer?.cancel();
    await this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = this.deps.clock.setTimeout(() => {
      this.sync()
        .catch((err: unknown) => this.deps.logger.error({ err }, 'camera sync failed'))
        .finally(() => this.schedule());
    }, this.deps.intervalMs ?? 30_000);
  }

  private async syncOnce(): Promise<void> {
    if (this.stopped && this.recordingStarted) return;
    const { cameras, ingest, recording, logger } = this.deps;
    const enabled = (await cameras.list()).filter((c) => c.enabled);
    const ingested: IngestCamera[] = [];
    const recorded: RecordedCamera[] = [];
    for (const c of enabled) {
      const ic = ingestCameraOf(c, logger, this.deps.env, this.deps.secretsDirectory);
      if (!ic) continue;
      ingested.push(ic);
      const streams = recordedStreamsOf(c).filter((s) => s === 'main' || ic.subUrl !== undefined);
      recorded.push({ id: c.id, streams });
    }
    await ingest.setCameras(ingested);
    if (!this.recordingStarted) {
      this.recordingStarted = true;
      await recording.start(recorded);
    } else {
      await recording.setCameras(recorded);
    }
  }
}
