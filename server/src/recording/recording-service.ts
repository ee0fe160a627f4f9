/**
 * The recorder of an installation: repairs what a crash left, then records the streams of each
 * camera it is given (the main stream, and the sub-stream where the camera's `recording.streams`
 * asks for it), by subscribing one `StreamRecorder` per stream to that stream's ingest hub (the
 * subscription is what makes ingest pull the camera). Each stream has its own segments, gaps and
 * recording periods (the index's `stream` column), signed alike. It keeps the recording periods
 * (expected time) in step with the set of camera streams, answers status and completeness
 * questions, and on `stop()` closes every open segment and records a `restart` gap.
 */
import type { Clock, Logger } from '../app/index.ts';
import type { RecordingDb } from './tables.ts';
import type { HubSubscriber, SubscribeOptions, Subscription, StreamKind } from '../ingest/index.ts';
import type { InstallationKey } from '../keys/index.ts';
import { DEFAULT_TIME_ZONE, localDay, localHour } from '../app/index.ts';
import { completenessOf, type Completeness } from './completeness.ts';
import { nodeRecordingFs, type RecordingFs } from './recording-fs.ts';
import { repairRecordings, type RepairReport } from './repair.ts';
import { checkCameraIdForPath } from './segment-path.ts';
import {
  closeGap,
  closePeriod,
  ensurePeriodOpen,
  lastSegment,
  openGap,
  openGapOf,
  openPeriods,
  type StreamRef,
} from './segment-store.ts';
import type { SegmenterOptions } from './segmenter.ts';
import { StreamRecorder, type StreamRecordingStatus } from './stream-recorder.ts';

/** The part of a stream hub the recorder uses. */
export interface RecordableHub {
  subscribe(subscriber: HubSubscriber, options?: SubscribeOptions): Subscription;
}

/** What the recorder needs from ingest: the hub of a camera stream (the ingest manager). */
export interface HubSource {
  /** The hub, or undefined when the camera has no such stream (unknown, disabled, no sub). */
  hub(cameraId: string, stream: StreamKind): RecordableHub | undefined;
}

/** Tunables (from the `recording` section of the configuration). */
export interface RecordingOptions {
  segmenter?: Partial<SegmenterOptions>;
  maxQueuedBytes?: number;
  indexUpdateMs?: number;
  diskRetryMs?: number;
  /** The installation's IANA time zone: "this hour" and "today" of completeness (default Europe/Rome). */
  timeZone?: string;
}

/** What the recording service needs. */
export interface RecordingServiceDeps {
  db: RecordingDb;
  /** Absolute storage root (`storage.path`). */
  storageRoot: string;
  /** The installation key, or how to load it (read when `start` runs). */
  key: InstallationKey | (() => InstallationKey);
  clock: Clock;
  logger: Logger;
  ingest: HubSource;
  fs?: RecordingFs;
  options?: RecordingOptions;
}

/** Completeness of the current local hour and local day (the installation's time zone). */
export interface CurrentCompleteness {
  hour: Completeness;
  day: Completeness;
}

/** A camera to record and which of its streams; a bare id records the main stream alone. */
export type RecordedCamera = string | { id: string; streams: readonly StreamKind[] };

const refsOf = (cameras: readonly RecordedCamera[]): StreamRef[] =>
  cameras.flatMap((c) =>
    typeof c === 'string'
      ? [{ cameraId: c, stream: 'main' as const }]
      : [...new Set(c.streams)].map((stream) => ({ cameraId: c.id, stream })),
  );
const idOf = (c: RecordedCamera): string => (typeof c === 'string' ? c : c.id);

interface Running {
  recorder: StreamRecorder;
  subscription: Subscription;
  hub: RecordableHub;
}

const STREAM: StreamKind = 'main';
const streamKey = (cameraId: string, stream: StreamKind): string => `${cameraId}/${stream}`;

/** Records the cameras of an installation. */
export class RecordingService {
  private readonly running = new Map<string, Running>();
  private readonly fs: RecordingFs;
  private readonly logger: Logger;
  private started = false;
  private lastRepair: RepairReport | undefined;
  private key: InstallationKey | undefined;
  /** Why recording is stopped for lack of space (disk pressure), or undefined. */
  private diskPaused: string | undefined;
  /** The cameras last asked for by `setCameras`. */
  private wanted: readonly RecordedCamera[] = [];

  constructor(private readonly deps: RecordingServiceDeps) {
    this.fs = deps.fs ?? nodeRecordingFs;
    this.logger = deps.logger.child({ module: 'recording' });
  }

  /** Where recordings are kept. */
  get storageRoot(): string {
    return this.deps.storageRoot;
  }

  /** What the start-up repair did (undefined before `start`). */
  get repairReport(): RepairReport | undefined {
    return this.lastRepair;
  }

  /** Repairs what a crash left, then records the streams of each of `cameras`. */
  async start(cameras: readonly RecordedCamera[]): Promise<void> {
    if (this.started) throw new Error('recording service already started');
    this.started = true;
    const k = this.deps.key;
    const key = typeof k === 'function' ? k() : k;
    this.key = key;
    await this.fs.mkdirp(this.deps.storageRoot);
    this.lastRepair = await repairRecordings({
      ...this.deps,
      key,
      fs: this.fs,
      logger: this.logger,
    });
    await this.setCameras(cameras);
  }

  /**
   * Makes the recorded set exactly the streams of `cameras`: starts the new ones, stops the ones
   * no longer in it (their recording period ends: they are no longer expected to record; a camera
   * whose sub-stream is no longer recorded keeps its main stream's period).
   */
  async setCameras(cameras: readonly RecordedCamera[]): Promise<void> {
    this.wanted = [...cameras];
    const refs = refsOf(cameras);
    const wanted = new Set(refs.map((r) => streamKey(r.cameraId, r.stream)));
    const now = this.deps.clock.nowMs();
    for (const p of await openPeriods(this.deps.db)) {
      if (!wanted.has(streamKey(p.camera_id, p.stream))) {
        const ref = { cameraId: p.camera_id, stream: p.stream };
        await this.stopStream(ref, false);
        await closeGap(this.deps.db, ref, now);
        await closePeriod(this.deps.db, ref, now);
      }
    }
    for (const ref of refs) {
      const running = this.running.get(streamKey(ref.cameraId, ref.stream));
      if (running && running.hub !== this.deps.ingest.hub(ref.cameraId, ref.stream)) {
        // Ingest restarted the camera (new URL or credentials): follow it to its new hub.
        await this.stopStream(ref, true, 'camera reconfigured');
        await this.startStream(ref);
      } else if (!running) {
        await this.startStream(ref);
      }
    }
  }

  /** Closes every segment, records `restart` gaps, and lets go of the hubs. */
  async stop(): Promise<void> {
    const refs = [...this.running.values()].map((r) => r.recorder.status());
    await Promise.all(refs.map((s) => this.stopStream(s, true)));
    this.started = false;
  }

  /** The camera streams being recorded. */
  recordedStreams(): StreamRef[] {
    return [...this.running.values()].map((r) => {
      const s = r.recorder.status();
      return { cameraId: s.cameraId, stream: s.stream };
    });
  }

  /** Live recording figures of a camera stream; undefined when it is not being recorded. */
  status(cameraId: string, stream: StreamKind = STREAM): StreamRecordingStatus | undefined {
    return this.running.get(streamKey(cameraId, stream))?.recorder.status();
  }

  /** Live recording figures of every recorded stream. */
  allStatuses(): StreamRecordingStatus[] {
    return [...this.running.values()].map((r) => r.recorder.status());
  }

  /** Completeness of `[fromMs, toMs)` for a camera stream, counting the live segment. */
  completeness(
    cameraId: string,
    fromMs: number,
    toMs: number,
    stream: StreamKind = STREAM,
  ): Promise<Completeness> {
    const live = this.running.get(streamKey(cameraId, stream))?.recorder.liveSegment();
    const now = this.deps.clock.nowMs();
    return completenessOf(this.deps.db, { cameraId, stream }, fromMs, toMs, now, live);
  }

  /** Completeness of the current hour and day, local to the installation's time zone. */
  async currentCompleteness(
    cameraId: string,
    stream: StreamKind = STREAM,
  ): Promise<CurrentCompleteness> {
    const now = this.deps.clock.nowMs();
    const zone = this.deps.options?.timeZone ?? DEFAULT_TIME_ZONE;
    const hour = localHour(now, zone);
    const day = localDay(now, zone);
    return {
      hour: await this.completeness(cameraId, hour.startMs, hour.endMs, stream),
      day: await this.completeness(cameraId, day.startMs, day.endMs, stream),
    };
  }

  /**
   * Disk pressure (`retention/disk-pressure.ts`): the volume is full and holds only recordings
   * under legal hold. Every stream stops cleanly (its open segment closed, a `disk` gap opened)
   * and none starts again until `resumeAfterDisk`. Returns the cameras stopped.
   */
  async pauseForDisk(message: string): Promise<string[]> {
    this.diskPaused = message;
    const running = [...this.running.entries()];
    for (const [k] of running) this.running.delete(k);
    await Promise.all(
      running.map(async ([, r]) => {
        r.subscription.close();
        await r.recorder.stop('disk', message);
      }),
    );
    this.logger.error({ cameras: running.length }, `recording stopped: ${message}`);
    return [...new Set(running.map(([, r]) => r.recorder.status().cameraId))];
  }

  /** Space is back: records the cameras last asked for again; returns them. */
  async resumeAfterDisk(): Promise<string[]> {
    if (this.diskPaused === undefined) return [];
    this.diskPaused = undefined;
    await this.setCameras(this.wanted);
    return [...new Set(this.recordedStreams().map((s) => s.cameraId))];
  }

  /** Why recording is stopped for lack of space (see `pauseForDisk`), or undefined. */
  get diskPause(): string | undefined {
    return this.diskPaused;
  }

  /** True when the camera is among those asked to be recorded (paused or not). */
  wants(cameraId: string): boolean {
    return this.wanted.some((c) => idOf(c) === cameraId);
  }

  /** Free bytes on the storage volume. */
  storageFreeBytes(): Promise<number> {
    return this.fs.freeBytes(this.deps.storageRoot);
  }

  /** Waits until every queued write of every stream has run (tests). */
  async drain(): Promise<void> {
    await Promise.all([...this.running.values()].map((r) => r.recorder.drain()));
  }

  private async startStream(ref: StreamRef): Promise<void> {
    checkCameraIdForPath(ref.cameraId);
    if (this.diskPaused !== undefined) return; // stopped for lack of space; see pauseForDisk
    const { db, clock } = this.deps;
    const key = this.key;
    if (!key) throw new Error('recording service not started');
    const hub = this.deps.ingest.hub(ref.cameraId, ref.stream);
    if (!hub) {
      this.logger.warn(ref, 'recording: ingest has no such camera stream; not recorded');
      return;
    }
    const now = clock.nowMs();
    const period = await ensurePeriodOpen(db, ref, now);
    let gap = await openGapOf(db, ref);
    if (!gap && period.start_ms < now) {
      // Expected before this start, yet no gap open: a crash between two segments leaves no
      // 'writing' row to repair, but a hole all the same.
      const lastEnd = (await lastSegment(db, ref))?.end_ms;
      const from = Math.max(lastEnd ?? period.start_ms, period.start_ms);
      if (from < now) gap = await openGap(db, ref, from, 'restart', 'recorder restarted');
    }
    const recorder = new StreamRecorder({
      db,
      fs: this.fs,
      storageRoot: this.deps.storageRoot,
      key,
      clock,
      logger: this.logger,
      cameraId: ref.cameraId,
      stream: ref.stream,
      openGap: gap && { startMs: gap.start_ms, cause: gap.cause, message: gap.message },
      ...this.deps.options,
    });
    // The recorder copies what it keeps and writes once a second: lent frames and batched reads.
    const subscription = hub.subscribe(recorder, {
      name: 'recorder',
      acceptsLent: true,
      realtime: false,
    });
    this.running.set(streamKey(ref.cameraId, ref.stream), { recorder, subscription, hub });
    this.logger.info(ref, 'recording started');
  }

  private async stopStream(ref: StreamRef, restartGap: boolean, why?: string): Promise<void> {
    const k = streamKey(ref.cameraId, ref.stream);
    const r = this.running.get(k);
    if (!r) return;
    this.running.delete(k);
    r.subscription.close();
    await r.recorder.stop(restartGap ? 'restart' : undefined, why);
    this.logger.info(ref, 'recording stopped');
  }
}
