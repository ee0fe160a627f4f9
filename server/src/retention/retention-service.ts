/**
 * The retention service of a running Vedetta: sweeps expired recordings every
 * `retention.sweepEveryMinutes` and checks the recording volume every
 * `retention.disk.checkEverySeconds` (sooner when the volume fills fast: `DiskPressure`'s pacing
 * sets the delay to the next check), on the injected clock, one run at a time. The first sweep
 * runs at start, so that what fell due while Vedetta was down is deleted at once. A failed run
 * raises the `retention.failed` alarm until a run succeeds.
 */
import type { Clock, TimerHandle, Config, Logger } from '../app/index.ts';
import type { AuditRecorder } from '../audit/index.ts';
import type { CamerasDb } from '../cameras/index.ts';
import type { ExportDb } from '../export/index.ts';
import path from 'node:path';
import { nodeRecordingFs } from '../recording/index.ts';
import { AlarmBoard } from './alarms.ts';
import type { DeletionDeps, DeletionFs } from './deletion.ts';
import { DiskPressure, type DiskPressureResult, type RecordingControl } from './disk-pressure.ts';
import { quotaProbe, volumeProbe, type FreeSpaceProbe } from './free-space.ts';
import { SpaceReserve } from './reserve.ts';
import { listRuns, type RetentionRun } from './runs.ts';
import { sweepExpired, type SweepResult } from './sweeper.ts';
import { purgeExportPackages } from './export-packages.ts';
import type { CameraEventsDb } from '../camera-events/index.ts';
import { purgeCameraEvents } from './camera-events.ts';

/** What the retention service needs. */
export interface RetentionServiceDeps {
  /** Retention's own tables. */
  db: DeletionDeps['db'];
  /** The recording index, read through recording's functions. */
  recordingDb: DeletionDeps['recordingDb'];
  /** The legal holds, read through holds' functions. */
  holdsDb: DeletionDeps['holdsDb'];
  /** The camera registry's tables (each camera's retention days). */
  camerasDb: CamerasDb;
  /** The export tables (packages past their days). */
  exportDb: ExportDb;
  /** The camera events table (events past their camera's retention); none purged when left out. */
  cameraEventsDb?: CameraEventsDb;
  clock: Clock;
  logger: Logger;
  audit: AuditRecorder;
  /** Absolute storage root (`storage.path`). */
  storageRoot: string;
  /** Absolute folder of export packages; when given, sweeps also purge packages past their days. */
  exportsRoot?: string;
  config: Config['retention'];
  /** Stops and restarts recording under disk pressure (the recording service). */
  recording?: RecordingControl;
  /** Measures the volume; by default from the config (quota, or the file system). */
  probe?: FreeSpaceProbe;
  fs?: DeletionFs;
  alarms?: AlarmBoard;
  /**
   * The space reserve file, on the volume of the database (`<storage.path>/.reserve`); by
   * default `.reserve` next to the recordings folder. Unused with a quota.
   */
  reservePath?: string;
}

/** Where retention stands, for the status API. */
export interface RetentionStatus {
  lastSweep: RetentionRun | null;
  lastDiskCheck: { atMs: number; freeBytes: number; totalBytes: number; heldOnly: boolean } | null;
  recordingStopped: readonly string[];
}

const GiB = 1024 ** 3;

/** Schedules sweeps and disk checks. */
export class RetentionService {
  readonly alarms: AlarmBoard;
  readonly disk: DiskPressure;
  private readonly logger: Logger;
  private queue: Promise<unknown> = Promise.resolve();
  private timers: TimerHandle[] = [];
  private stopped = true;
  private lastSweep: RetentionRun | null = null;
  private lastDisk: RetentionStatus['lastDiskCheck'] = null;

  constructor(private readonly deps: RetentionServiceDeps) {
    this.logger = deps.logger.child({ module: 'retention' });
    this.alarms = deps.alarms ?? new AlarmBoard(deps.clock, this.logger);
    const d = deps.config.disk;
    const probe =
      deps.probe ??
      (d.quotaGiB !== null
        ? quotaProbe(deps.storageRoot, d.quotaGiB * GiB)
        : volumeProbe(deps.storageRoot));
    this.disk = new DiskPressure({
      db: deps.db,
      recordingDb: deps.recordingDb,
      holdsDb: deps.holdsDb,
      fs: deps.fs ?? nodeRecordingFs,
      storageRoot: deps.storageRoot,
      clock: deps.clock,
      audit: deps.audit,
      logger: this.logger,
      alarms: this.alarms,
      probe,
      marks: {
        lowWaterPercent: d.lowWaterPercent,
        targetFreePercent: d.targetFreePercent,
        stopRecordingPercent: d.stopRecordingPercent,
      },
      ...(deps.recording ? { recording: deps.recording } : {}),
      ...(d.quotaGiB === null && d.reserveMiB > 0
        ? {
            reserve: new SpaceReserve(
              deps.reservePath ?? path.join(path.dirname(deps.storageRoot), '.reserve'),
              d.reserveMiB * 1024 * 1024,
              this.logger,
            ),
          }
        : {}),
      intervalMs: d.checkEverySeconds * 1000,
    });
  }

  /** Starts the periodic work; the first sweep and disk check run now. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.every(this.deps.config.sweepEveryMinutes * 60_000, () => this.sweepNow());
    this.every(
      this.deps.config.disk.checkEverySeconds * 1000,
      () => this.checkDiskNow(),
      () => this.disk.nextCheckInMs,
    );
  }

  /** Stops the timers and waits for the run in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers.splice(0)) t.cancel();
    await this.queue.catch(() => undefined);
  }

  /** Runs a sweep now (after any run in progress). */
  sweepNow(): Promise<SweepResult> {
    return this.serial(async () => {
      const result = await sweepExpired({
        db: this.deps.db,
        recordingDb: this.deps.recordingDb,
        holdsDb: this.deps.holdsDb,
        camerasDb: this.deps.camerasDb,
        fs: this.deps.fs ?? nodeRecordingFs,
        storageRoot: this.deps.storageRoot,
        clock: this.deps.clock,
        audit: this.deps.audit,
        logger: this.logger,
        unregisteredDays: this.deps.config.unregisteredCameraDays,
      });
      this.lastSweep = result.run;
      if (this.deps.cameraEventsDb !== undefined) {
        await purgeCameraEvents({
          db: this.deps.cameraEventsDb,
          camerasDb: this.deps.camerasDb,
          holdsDb: this.deps.holdsDb,
          nowMs: this.deps.clock.nowMs(),
          unregisteredDays: this.deps.config.unregisteredCameraDays,
          logger: this.logger,
        }).catch((err: unknown) => this.logger.error({ err }, 'retention: camera events kept'));
      }
      if (this.deps.exportsRoot !== undefined) {
        await purgeExportPackages({
          db: this.deps.exportDb,
          clock: this.deps.clock,
          logger: this.logger,
          audit: this.deps.audit,
          exportsRoot: this.deps.exportsRoot,
          keepDays: this.deps.config.exportPackageDays,
        });
      }
      if (result.run.state === 'ok') this.alarms.clear('retention.failed');
      else {
        this.alarms.raise({
          key: 'retention.failed',
          kind: 'retention.failed',
          severity: 'critical',
          message: `retention run ${result.run.id} failed: ${result.run.error ?? 'unknown error'}`,
        });
      }
      return result;
    });
  }

  /** Checks the volume now (after any run in progress). */
  checkDiskNow(): Promise<DiskPressureResult> {
    return this.serial(async () => {
      const r = await this.disk.check();
      this.lastDisk = {
        atMs: this.deps.clock.nowMs(),
        freeBytes: r.after.freeBytes,
        totalBytes: r.after.totalBytes,
        heldOnly: r.heldOnly,
      };
      return r;
    });
  }

  /** Where retention stands. */
  status(): RetentionStatus {
    return {
      lastSweep: this.lastSweep,
      lastDiskCheck: this.lastDisk,
      recordingStopped: this.disk.stoppedCameras,
    };
  }

  /** Runs of the last `days` days, newest first. */
  runs(days = 30): Promise<RetentionRun[]> {
    return listRuns(this.deps.db, this.deps.clock.nowMs() - days * 86_400_000);
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Runs `fn` now and then every `ms` (or every `paced()` ms, when given). */
  private every(ms: number, fn: () => Promise<unknown>, paced?: () => number): void {
    const slot = this.timers.length;
    const tick = (): void => {
      if (this.stopped) return;
      fn()
        .catch((err: unknown) => this.logger.error({ err }, 'retention: periodic run failed'))
        .finally(() => {
          const wait = paced ? Math.min(ms, paced()) : ms;
          if (!this.stopped) this.timers[slot] = this.deps.clock.setTimeout(tick, wait);
        });
    };
    this.timers.push(this.deps.clock.setTimeout(tick, 0));
  }
}
