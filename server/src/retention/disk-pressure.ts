/**
 * Disk pressure on the recording volume. Below the low-water mark, the oldest segments that no
 * legal hold covers are deleted first (whatever their camera), through the same crash-safe steps
 * as retention, until the free space is back above the target, and an alarm is raised. When only
 * held recordings remain and the volume is still below the low-water mark, a critical alarm
 * says so; below the stop mark, recording is stopped (through `RecordingControl`, which closes
 * each open segment cleanly) for the cameras that can no longer be written, with an alarm, and
 * started again once the space is back. Held data is never deleted by space pressure.
 */
import type { Clock, Logger } from '../app/index.ts';
import type { AuditRecorder } from '../audit/index.ts';
import { heldRangesByCamera, overlapsAny } from '../holds/index.ts';
import { oldestCompleteSegments } from '../recording/index.ts';
import type { AlarmSink } from './alarms.ts';
import {
  claim,
  unlinkAndForget,
  type BatchResult,
  type Candidate,
  type DeletionDeps,
} from './deletion.ts';
import type { FreeSpaceProbe, VolumeSpace } from './free-space.ts';
import { closeRun, openRun, SYSTEM_ACTOR, type RetentionRun } from './runs.ts';

/** The marks, as percentages of the volume (config `retention.disk`). */
export interface DiskMarks {
  /** Below this much free space, deletion of the oldest non-held recordings starts (default 5). */
  lowWaterPercent: number;
  /** ... and goes on until this much is free (default 8). */
  targetFreePercent: number;
  /** Below this, with nothing left to delete, recording stops (default 1). */
  stopRecordingPercent: number;
}

/** Default marks. */
export const DEFAULT_DISK_MARKS: DiskMarks = {
  lowWaterPercent: 5,
  targetFreePercent: 8,
  stopRecordingPercent: 1,
};

/**
 * What disk pressure needs from the recorder: stop the cameras whose volume is full (each open
 * segment closed cleanly, a `disk` gap opened) and start them again. Both return the camera ids.
 */
export interface RecordingControl {
  pauseForDisk(message: string): Promise<string[]>;
  resumeAfterDisk(): Promise<string[]>;
}

/** What the disk pressure check needs. */
export interface DiskPressureDeps extends DeletionDeps {
  clock: Clock;
  audit: AuditRecorder;
  logger: Logger;
  alarms: AlarmSink;
  probe: FreeSpaceProbe;
  marks?: DiskMarks;
  recording?: RecordingControl;
  /** Segments deleted between two measurements (default 20). */
  batchSize?: number;
}

/** What one check did. */
export interface DiskPressureResult {
  before: VolumeSpace;
  after: VolumeSpace;
  /** The deletion run, when one was needed. */
  run: RetentionRun | null;
  /** True when only held (or still-writing) recordings were left to delete. */
  heldOnly: boolean;
  /** Cameras whose recording this check stopped (or that stay stopped). */
  recordingStopped: string[];
  failures: BatchResult['failures'];
}

/** Alarm keys this module raises. */
export const DISK_ALARMS = {
  low: 'storage.low',
  heldOnly: 'storage.held_only',
  stopped: 'recording.stopped_disk',
} as const;

const GiB = 1024 ** 3;
const fmt = (b: number): string =>
  b >= GiB ? `${(b / GiB).toFixed(1)} GiB` : `${(b / 1024 ** 2).toFixed(1)} MiB`;

/** The oldest complete segments from the cursor on, across cameras. */
async function oldestBatch(
  deps: DiskPressureDeps,
  after: { startMs: number; id: number },
  limit: number,
): Promise<Candidate[]> {
  const rows = await oldestCompleteSegments(deps.recordingDb, after, limit);
  return rows.map((r) => ({
    id: Number(r.id),
    cameraId: r.camera_id,
    path: r.path,
    startMs: r.start_ms,
    endMs: r.end_ms,
    sizeBytes: r.size_bytes,
  }));
}

/** The candidates no hold in force covers (a first pass; `claim` checks again atomically). */
async function notHeld(deps: DiskPressureDeps, batch: Candidate[], nowMs: number) {
  const holds = await heldRangesByCamera(deps.holdsDb, nowMs, [
    ...new Set(batch.map((c) => c.cameraId)),
  ]);
  return batch.filter(
    (c) => !overlapsAny({ fromMs: c.startMs, toMs: c.endMs }, holds.get(c.cameraId) ?? []),
  );
}

/** Watches the recording volume; `check()` is called periodically by the retention service. */
export class DiskPressure {
  private readonly marks: DiskMarks;
  private stopped: string[] = [];

  constructor(private readonly deps: DiskPressureDeps) {
    this.marks = deps.marks ?? DEFAULT_DISK_MARKS;
  }

  /** Cameras whose recording is stopped for lack of space. */
  get stoppedCameras(): readonly string[] {
    return this.stopped;
  }

  /** Measures, frees space if needed, stops or restarts recording, raises or clears alarms. */
  async check(): Promise<DiskPressureResult> {
    const { probe, alarms } = this.deps;
    const before = await probe.measure();
    const mark = (p: number): number => (before.totalBytes * p) / 100;
    if (before.freeBytes >= mark(this.marks.lowWaterPercent)) {
      await this.recovered();
      return this.result(before, before, null, false, []);
    }
    alarms.raise({
      key: DISK_ALARMS.low,
      kind: DISK_ALARMS.low,
      severity: 'warning',
      message:
        `recording volume low: ${fmt(before.freeBytes)} free of ${fmt(before.totalBytes)} ` +
        `(low-water ${this.marks.lowWaterPercent} %); deleting the oldest recordings not held`,
    });
    const { run, after, exhausted, failures } = await this.free(mark(this.marks.targetFreePercent));
    const heldOnly = exhausted && after.freeBytes < mark(this.marks.lowWaterPercent);
    if (!heldOnly) {
      alarms.clear(DISK_ALARMS.heldOnly);
      if (after.freeBytes >= mark(this.marks.lowWaterPercent)) await this.recovered();
      return this.result(before, after, run, false, failures);
    }
    alarms.raise({
      key: DISK_ALARMS.heldOnly,
      kind: DISK_ALARMS.heldOnly,
      severity: 'critical',
      message:
        `recording volume holds only recordings under legal hold: ${fmt(after.freeBytes)} free ` +
        'and nothing more may be deleted; add storage or release holds',
    });
    if (after.freeBytes < mark(this.marks.stopRecordingPercent)) await this.stopRecording(after);
    return this.result(before, after, run, true, failures);
  }

  private result(
    before: VolumeSpace,
    after: VolumeSpace,
    run: RetentionRun | null,
    heldOnly: boolean,
    failures: BatchResult['failures'],
  ): DiskPressureResult {
    return { before, after, run, heldOnly, recordingStopped: [...this.stopped], failures };
  }

  /**
   * Deletes the oldest non-held segments until `targetFree` bytes are free or none is left. The
   * run is opened at the first segment to delete, so that a volume holding only held data does
   * not fill the run history with empty runs at every check.
   */
  private async free(targetFree: number) {
    const { deps } = this;
    const limit = deps.batchSize ?? 20;
    const started = deps.clock.monotonicMs();
    const failures: BatchResult['failures'] = [];
    let after = await deps.probe.measure();
    let cursor = { startMs: -1, id: 0 };
    let runId: number | null = null;
    let held = 0;
    let exhausted = false;
    let error: string | null = null;
    try {
      while (after.freeBytes < targetFree) {
        const batch = await oldestBatch(deps, cursor, limit);
        const last = batch[batch.length - 1];
        if (!last) {
          exhausted = true;
          break;
        }
        cursor = { startMs: last.startMs, id: last.id };
        const now = deps.clock.nowMs();
        const free = await notHeld(deps, batch, now);
        held += batch.length - free.length;
        if (free.length === 0) continue;
        runId ??= await openRun(deps.db, 'disk_pressure', now);
        const claimed = await claim(deps.db, runId, free, now);
        held += claimed.held;
        const r = await unlinkAndForget(deps, runId, claimed.claimed);
        failures.push(...r.failures);
        after = await deps.probe.measure();
      }
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
      deps.logger.error({ err: e, runId }, 'retention: disk pressure deletion failed');
    }
    if (error === null && failures.length > 0) {
      error = `${failures.length} file(s) could not be deleted, first ${failures[0]?.path}: ${failures[0]?.error}`;
    }
    if (runId === null && error !== null)
      runId = await openRun(deps.db, 'disk_pressure', deps.clock.nowMs());
    const run =
      runId === null
        ? null
        : await closeRun(
            deps,
            runId,
            { state: error === null ? 'ok' : 'failed', held, error },
            deps.clock.monotonicMs() - started,
          );
    return { run, after, exhausted, failures };
  }

  private async stopRecording(space: VolumeSpace): Promise<void> {
    const { recording, alarms, audit } = this.deps;
    const message =
      `recording stopped: the volume is full (${fmt(space.freeBytes)} free) and holds only ` +
      'recordings under legal hold';
    if (recording && this.stopped.length === 0) {
      this.stopped = await recording.pauseForDisk(message);
      await audit
        .record({
          action: 'recording.pause',
          outcome: 'granted',
          username: SYSTEM_ACTOR,
          reason: message,
          details: { cameras: this.stopped, freeBytes: space.freeBytes },
        })
        .catch((err: unknown) => this.deps.logger.error({ err }, 'retention: audit failed'));
    }
    alarms.raise({
      key: DISK_ALARMS.stopped,
      kind: DISK_ALARMS.stopped,
      severity: 'critical',
      message: recording ? message : `${message} (the recorder cannot be told: no control)`,
      cameraIds: this.stopped,
    });
  }

  private async recovered(): Promise<void> {
    const { alarms, recording } = this.deps;
    alarms.clear(DISK_ALARMS.low);
    alarms.clear(DISK_ALARMS.heldOnly);
    if (this.stopped.length > 0 && recording) {
      const resumed = await recording.resumeAfterDisk();
      this.deps.logger.info({ cameras: resumed }, 'retention: recording resumed, space is back');
      this.stopped = [];
    }
    alarms.clear(DISK_ALARMS.stopped);
  }
}
