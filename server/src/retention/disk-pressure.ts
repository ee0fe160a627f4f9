/**
 * Disk pressure on the recording volume. Below the low-water mark, the oldest segments that no
 * legal hold covers are deleted first (whatever their camera), through the same crash-safe steps
 * as retention, until the free space is back above the target, and an alarm is raised. When only
 * held recordings remain and the volume is still below the low-water mark, a critical alarm
 * says so; below the stop mark, recording is stopped (through `RecordingControl`, which closes
 * each open segment cleanly) for the cameras that can no longer be written, with an alarm, and
 * started again once the space is back. Held data is never deleted by space pressure.
 *
 * Two things keep it working on a volume that fills fast or fills up: the checks are paced by
 * the measured write rate (`pacing.ts`: deletion starts early when the volume would be full
 * before the next regular check, and checks come sooner), and a space reserve (`reserve.ts`) is
 * released when the volume is full, so that the database can take the journal, run row and audit
 * entries that every deletion needs. A run whose record the database still refused is kept in
 * memory and recorded at a later check (`pending-runs.ts`).
 */
import type { Clock, Logger } from '../app/index.ts';
import type { AuditRecorder } from '../audit/index.ts';
import { isStorageFullError } from '../db/index.ts';
import { heldRangesByCamera, overlapsAny } from '../holds/index.ts';
import { oldestCompleteSegments } from '../recording/index.ts';
import type { AlarmSink } from './alarms.ts';
import {
  claim,
  finishJournal,
  unlinkAndForget,
  type BatchResult,
  type Candidate,
  type DeletionDeps,
} from './deletion.ts';
import type { FreeSpaceProbe, VolumeSpace } from './free-space.ts';
import { planCheck, WriteRate, type PacingPlan } from './pacing.ts';
import { PendingRunCloses } from './pending-runs.ts';
import type { SpaceReserve } from './reserve.ts';
import { openRun, readRun, SYSTEM_ACTOR, type RetentionRun } from './runs.ts';

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
  /** The space reserve released when the volume is full; none by default. */
  reserve?: SpaceReserve;
  /** The regular check interval, ms, for pacing (default 30 s). */
  intervalMs?: number;
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
  /** The pacing decision: whether deletion started early, and when to check again. */
  plan: PacingPlan;
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

/** Progress of one `free` call. */
interface FreeState {
  after: VolumeSpace;
  cursor: { startMs: number; id: number };
  runId: number | null;
  held: number;
  exhausted: boolean;
  failures: BatchResult['failures'];
  /** A write was refused midway: finish the journal (claimed, maybe unlinked) first. */
  resume: boolean;
}

/** Watches the recording volume; `check()` is called periodically by the retention service. */
export class DiskPressure {
  private readonly marks: DiskMarks;
  private stopped: string[] = [];
  private readonly rate = new WriteRate();
  private readonly pendingRuns: PendingRunCloses;
  private plan: PacingPlan;

  constructor(private readonly deps: DiskPressureDeps) {
    this.marks = deps.marks ?? DEFAULT_DISK_MARKS;
    this.pendingRuns = new PendingRunCloses(deps.logger);
    const intervalMs = deps.intervalMs ?? 30_000;
    this.plan = { deleteNow: false, nextCheckInMs: intervalMs, secondsToStop: Infinity };
  }

  /** When the next check should come, ms from the end of the last one (paced by the rate). */
  get nextCheckInMs(): number {
    return this.plan.nextCheckInMs;
  }

  /** Deletion runs whose record waits for the database to take it. */
  get unrecordedRuns(): number {
    return this.pendingRuns.size;
  }

  /** Cameras whose recording is stopped for lack of space. */
  get stoppedCameras(): readonly string[] {
    return this.stopped;
  }

  /** Measures, frees space if needed, stops or restarts recording, raises or clears alarms. */
  async check(): Promise<DiskPressureResult> {
    const { probe, alarms } = this.deps;
    await this.pendingRuns.retry(this.deps);
    const before = await probe.measure();
    const mark = (p: number): number => (before.totalBytes * p) / 100;
    this.rate.add({ atMs: this.deps.clock.monotonicMs(), freeBytes: before.freeBytes });
    this.plan = planCheck({
      freeBytes: before.freeBytes,
      lowWaterBytes: mark(this.marks.lowWaterPercent),
      stopBytes: mark(this.marks.stopRecordingPercent),
      rateBytesPerSecond: this.rate.bytesPerSecond(),
      intervalMs: this.deps.intervalMs ?? 30_000,
    });
    if (before.freeBytes >= mark(this.marks.lowWaterPercent)) {
      if (!this.plan.deleteNow) {
        await this.recovered();
        await this.keepReserve(before);
        return this.result(before, before, null, false, []);
      }
      this.deps.logger.warn(
        { freeBytes: before.freeBytes, secondsToFull: Math.round(this.plan.secondsToStop) },
        'retention: the volume fills faster than it is checked; deleting ahead',
      );
      const early = await this.free(mark(this.marks.targetFreePercent), before);
      return this.result(before, early.after, early.run, false, early.failures);
    }
    alarms.raise({
      key: DISK_ALARMS.low,
      kind: DISK_ALARMS.low,
      severity: 'warning',
      message:
        `recording volume low: ${fmt(before.freeBytes)} free of ${fmt(before.totalBytes)} ` +
        `(low-water ${this.marks.lowWaterPercent} %); deleting the oldest recordings not held`,
    });
    const { run, after, exhausted, failures } = await this.free(
      mark(this.marks.targetFreePercent),
      before,
    );
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
        `recording volume full of what may not be deleted: ${fmt(after.freeBytes)} free, only ` +
        'recordings under legal hold (or being written) are left, or other files take the ' +
        'space; add storage, release holds or remove the other files',
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
    const stopped = [...this.stopped];
    return { before, after, run, heldOnly, recordingStopped: stopped, failures, plan: this.plan };
  }

  /** Makes the reserve again once the volume has room for it above the target mark. */
  private async keepReserve(space: VolumeSpace): Promise<void> {
    const reserve = this.deps.reserve;
    if (!reserve) return;
    const size = reserve.sizeFor(space.totalBytes);
    if (size <= 0 || (await reserve.bytes()) >= size) return;
    const target = (space.totalBytes * this.marks.targetFreePercent) / 100;
    if (space.freeBytes - size >= target) await reserve.create(size);
  }

  /** Releases the reserve when the volume is full; true when it freed something. */
  private async releaseReserve(space: VolumeSpace): Promise<boolean> {
    const reserve = this.deps.reserve;
    if (!reserve) return false;
    const stop = (space.totalBytes * this.marks.stopRecordingPercent) / 100;
    const full = space.freeBytes < Math.max(stop, reserve.sizeFor(space.totalBytes));
    if (!full) return false;
    try {
      return (await reserve.release()) > 0;
    } catch (err) {
      this.deps.logger.error({ err }, 'retention: space reserve could not be released');
      return false;
    }
  }

  /**
   * Deletes the oldest non-held segments until `targetFree` bytes are free or none is left. The
   * run is opened at the first segment to delete, so that a volume holding only held data does
   * not fill the run history with empty runs at every check. On a full volume the reserve is
   * released first; a write the database still refuses for lack of space releases it then (once)
   * and the deletion goes on. A run whose closing is refused is recorded at a later check.
   */
  private async free(targetFree: number, before: VolumeSpace) {
    const { deps } = this;
    let reserveFreed = await this.releaseReserve(before);
    const started = deps.clock.monotonicMs();
    const st: FreeState = {
      after: await deps.probe.measure(),
      cursor: { startMs: -1, id: 0 },
      runId: null,
      held: 0,
      exhausted: false,
      failures: [],
      resume: false,
    };
    let error: string | null = null;
    for (;;) {
      try {
        await this.deleteOldest(targetFree, st);
        break;
      } catch (e) {
        if (isStorageFullError(e) && !reserveFreed && deps.reserve) {
          reserveFreed = (await deps.reserve.release().catch(() => 0)) > 0;
          st.resume = true;
          if (reserveFreed) continue;
        }
        error = e instanceof Error ? e.message : String(e);
        deps.logger.error({ err: e, runId: st.runId }, 'retention: disk pressure deletion failed');
        break;
      }
    }
    const { failures, held, exhausted, after } = st;
    if (error === null && failures.length > 0) {
      error = `${failures.length} file(s) could not be deleted, first ${failures[0]?.path}: ${failures[0]?.error}`;
    }
    if (st.runId === null && error !== null) {
      st.runId = await openRun(deps.db, 'disk_pressure', deps.clock.nowMs()).catch(() => null);
    }
    if (st.runId === null) return { run: null, after, exhausted, failures };
    const outcome = { state: error === null ? ('ok' as const) : ('failed' as const), held, error };
    await this.pendingRuns.close(deps, st.runId, outcome, deps.clock.monotonicMs() - started);
    const run = await readRun(deps.db, st.runId).catch(() => null);
    return { run, after, exhausted, failures };
  }

  /** The deletion loop of `free`, resumable after a refused write (its progress is in `st`). */
  private async deleteOldest(targetFree: number, st: FreeState): Promise<void> {
    const { deps } = this;
    const limit = deps.batchSize ?? 20;
    if (st.resume && st.runId !== null) {
      const r = await finishJournal(deps, st.runId, deps.clock.nowMs());
      st.held += r.held;
      st.failures.push(...r.failures);
      st.after = await deps.probe.measure();
    }
    st.resume = false;
    while (st.after.freeBytes < targetFree) {
      const batch = await oldestBatch(deps, st.cursor, limit);
      const last = batch[batch.length - 1];
      if (!last) {
        st.exhausted = true;
        return;
      }
      const now = deps.clock.nowMs();
      const free = await notHeld(deps, batch, now);
      if (free.length > 0) {
        st.runId ??= await openRun(deps.db, 'disk_pressure', now);
        const claimed = await claim(deps.db, st.runId, free, now);
        st.held += claimed.held;
        const r = await unlinkAndForget(deps, st.runId, claimed.claimed);
        st.failures.push(...r.failures);
        st.after = await deps.probe.measure();
      }
      // Moved on only once the batch is done: a refused write retries the same batch.
      st.held += batch.length - free.length;
      st.cursor = { startMs: last.startMs, id: last.id };
    }
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
