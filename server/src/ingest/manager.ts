/**
 * The ingest of a whole installation: one hub and one supervisor per camera stream (main, and sub
 * when the camera has one). A stream is pulled from its camera only while its hub has demand (the
 * recorder's subscription for recorded streams, live viewers for the others). The reads of a
 * stream that no live viewer watches are batched (read-batcher.ts), every `readBatchMs`.
 */
import { systemClock, type Clock, notFound, registerSecret, type Logger } from '../app/index.ts';
import type { Credentials } from '../media/index.ts';
import type { BackoffOptions } from './backoff.ts';
import type { StreamOpener } from './connection.ts';
import { StreamHub } from './hub.ts';
import { ReadBatcher } from './read-batcher.ts';
import { rtspOpener } from './rtsp-opener.ts';
import { StreamSupervisor, type StreamStatus } from './supervisor.ts';
import type { TimelineOptions } from './timeline.ts';
import type { StreamKind } from './types.ts';

/** A camera as ingest needs it (credentials already resolved from `credentialsRef`). */
export interface IngestCamera {
  id: string;
  /** `rtsp://` URL of the main stream, without credentials. */
  mainUrl: string;
  /** `rtsp://` URL of the sub stream, if the camera has one. */
  subUrl?: string;
  credentials?: Credentials;
  /**
   * Send Basic credentials over plain `rtsp://` (in clear) when the camera asks for Basic; off
   * by default, and such a stream then ends offline with an authentication error.
   */
  allowBasicOverPlainRtsp?: boolean;
}

/** Tunables of the ingest. */
export interface IngestOptions {
  logger: Logger;
  clock?: Clock;
  /** No video for this long is a stall, ms (default 5000). */
  stallTimeoutMs?: number;
  /** Default 5000 ms each. */
  connectTimeoutMs?: number;
  requestTimeoutMs?: number;
  /** Outage age after which a stream shows 'offline', ms (default 10000). */
  offlineAfterMs?: number;
  /** Online time after which the back-off starts again from its first step, ms (default 30000). */
  stableMs?: number;
  backoff?: Partial<BackoffOptions>;
  timeline?: Partial<TimelineOptions>;
  /** Last-GOP cache bound per hub for instant live start, bytes (default main 0, sub 1 MiB). */
  gopCacheMaxBytes?: Partial<Record<StreamKind, number>>;
  /** How long a stream stays pulled after its last consumer leaves, ms (default 5000). */
  lingerMs?: number;
  /**
   * Longest wait of a batched read: a stream with no realtime consumer (no live viewer) is read
   * at most this often, ms (default 250; 0 reads every stream as data arrives).
   */
  readBatchMs?: number;
  /** Replaces the RTSP opener (tests of the manager itself). */
  openerFor?: (camera: IngestCamera, stream: StreamKind, url: string) => StreamOpener;
}

/** Status of one camera: its streams. */
export interface CameraStatus {
  cameraId: string;
  main: StreamStatus;
  sub: StreamStatus | null;
}

interface Entry {
  camera: IngestCamera;
  hubs: Partial<Record<StreamKind, StreamHub>>;
  supervisors: Partial<Record<StreamKind, StreamSupervisor>>;
}

const DEFAULT_GOP_CACHE: Record<StreamKind, number> = { main: 0, sub: 1024 * 1024 };
/** See `IngestOptions.readBatchMs`. */
const DEFAULT_READ_BATCH_MS = 250;

/** Manages the supervisors and hubs of every camera stream. */
export class IngestManager {
  private readonly entries = new Map<string, Entry>();
  private readonly clock: Clock;
  private readonly batcher: ReadBatcher | undefined;
  private stopped = false;

  constructor(
    cameras: readonly IngestCamera[],
    private readonly opts: IngestOptions,
  ) {
    this.clock = opts.clock ?? systemClock;
    const batchMs = opts.readBatchMs ?? DEFAULT_READ_BATCH_MS;
    this.batcher = batchMs > 0 ? new ReadBatcher(this.clock, batchMs) : undefined;
    for (const camera of cameras) this.add(camera);
  }

  /** The hub of a camera stream; throws a not_found AppError for an unknown camera or stream. */
  hub(cameraId: string, stream: StreamKind = 'main'): StreamHub {
    const hub = this.entries.get(cameraId)?.hubs[stream];
    if (!hub) throw notFound(`${stream} stream of camera ${cameraId}`);
    return hub;
  }

  /** The ids of the managed cameras. */
  cameraIds(): string[] {
    return [...this.entries.keys()];
  }

  /** Status of one camera; throws a not_found AppError for an unknown camera. */
  status(cameraId: string): CameraStatus {
    const entry = this.entries.get(cameraId);
    if (!entry) throw notFound(`camera ${cameraId}`);
    return statusOf(entry);
  }

  /** Status of every camera. */
  statuses(): CameraStatus[] {
    return [...this.entries.values()].map(statusOf);
  }

  /**
   * Replaces the camera list: new cameras are added, removed ones stopped, changed ones (URL or
   * credentials) restarted. Existing subscriptions of a changed camera end with its old hub.
   */
  async setCameras(cameras: readonly IngestCamera[]): Promise<void> {
    const next = new Map(cameras.map((c) => [c.id, c]));
    const removals: Promise<void>[] = [];
    for (const [id, entry] of this.entries) {
      const c = next.get(id);
      if (!c || JSON.stringify(c) !== JSON.stringify(entry.camera)) {
        this.entries.delete(id);
        removals.push(stopEntry(entry, 'camera removed or reconfigured'));
      }
    }
    await Promise.all(removals);
    for (const c of cameras) if (!this.entries.has(c.id)) this.add(c);
  }

  /** Stops every stream (TEARDOWN; hubs publish `stopped` with cause 'restart'). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.batcher?.close();
    await Promise.all([...this.entries.values()].map((e) => stopEntry(e, 'ingest shutting down')));
  }

  private add(camera: IngestCamera): void {
    if (this.stopped) return;
    if (camera.credentials) registerSecret(camera.credentials.password);
    const entry: Entry = { camera, hubs: {}, supervisors: {} };
    this.entries.set(camera.id, entry);
    const urls: [StreamKind, string | undefined][] = [
      ['main', camera.mainUrl],
      ['sub', camera.subUrl],
    ];
    for (const [stream, url] of urls) {
      if (url === undefined) continue;
      const logger = this.opts.logger.child({ cameraId: camera.id, stream });
      const hub = new StreamHub(camera.id, stream, {
        clock: this.clock,
        logger,
        gopCacheMaxBytes: this.opts.gopCacheMaxBytes?.[stream] ?? DEFAULT_GOP_CACHE[stream],
        lingerMs: this.opts.lingerMs ?? 5000,
      });
      const open =
        this.opts.openerFor?.(camera, stream, url) ??
        rtspOpener({
          url,
          credentials: camera.credentials,
          allowBasicOverPlainRtsp: camera.allowBasicOverPlainRtsp,
          clock: this.clock,
          logger,
          connectTimeoutMs: this.opts.connectTimeoutMs,
          requestTimeoutMs: this.opts.requestTimeoutMs,
          timeline: this.opts.timeline,
          // Frames go only to the hub, which copies a lent frame for whoever keeps it.
          lendFrames: true,
          readBatcher: this.batcher,
        });
      const supervisor = new StreamSupervisor({
        cameraId: camera.id,
        stream,
        open,
        publish: (event) => hub.publish(event),
        clock: this.clock,
        logger,
        stallTimeoutMs: this.opts.stallTimeoutMs,
        stableMs: this.opts.stableMs,
        offlineAfterMs: this.opts.offlineAfterMs,
        backoff: this.opts.backoff,
      });
      const batcher = this.batcher;
      hub.onRealtimeChange((realtime) =>
        supervisor.setBatchedReads(batcher !== undefined && !realtime),
      );
      hub.onDemandChange((active) => {
        if (active && !this.stopped && this.entries.get(camera.id) === entry) supervisor.start();
        else if (!active) void supervisor.stop();
      });
      entry.hubs[stream] = hub;
      entry.supervisors[stream] = supervisor;
    }
  }
}

function statusOf(entry: Entry): CameraStatus {
  const { main, sub } = entry.supervisors;
  if (!main) throw new Error(`camera ${entry.camera.id} has no main stream supervisor`);
  return { cameraId: entry.camera.id, main: main.toJSON(), sub: sub?.toJSON() ?? null };
}

async function stopEntry(entry: Entry, message: string): Promise<void> {
  await Promise.all(Object.values(entry.supervisors).map((s) => s.stop(message)));
}
