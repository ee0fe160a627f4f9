/**
 * The retention sweeper: one run deletes every complete segment whose end is past its camera's
 * retention (`retentionCutoffMs`), except those a legal hold in force covers, through the
 * crash-safe steps of `deletion.ts`. It first finishes what an earlier run left in the journal
 * and closes runs a crash interrupted, so a restart never skips a due deletion. Time comes from
 * the injected clock. Recordings of a camera no longer in the registry follow
 * `unregisteredDays`. Segments still being written are never touched.
 */
import type { Clock, Logger } from '../app/index.ts';
import type { AuditRecorder } from '../audit/index.ts';
import {
  claim,
  finishJournal,
  unlinkAndForget,
  type BatchResult,
  type Candidate,
  type DeletionDeps,
} from './deletion.ts';
import {
  cameraRetentionDays,
  retentionCutoffMs,
  JUSTIFICATION_ABOVE_DAYS,
} from '../cameras/index.ts';
import type { CamerasDb } from '../cameras/index.ts';
import { expiredSegments, recordedCameraIds } from '../recording/index.ts';
import { closeInterruptedRuns, closeRun, openRun, type RetentionRun } from './runs.ts';

/** What a sweep needs. */
export interface SweepDeps extends DeletionDeps {
  /** The camera registry's tables: each camera's retention days. */
  camerasDb: CamerasDb;
  clock: Clock;
  audit: AuditRecorder;
  logger: Logger;
  /** Days kept for a camera that is no longer in the registry (default 3). */
  unregisteredDays?: number;
  /** Segments per claim transaction (default 200). */
  batchSize?: number;
}

/** A finished sweep: the run as recorded, and the files that could not be removed. */
export interface SweepResult {
  run: RetentionRun;
  failures: BatchResult['failures'];
}

/** Candidate rows of one camera past `cutoffMs`, after row id `afterId`. */
async function expiredBatch(
  deps: SweepDeps,
  cameraId: string,
  cutoffMs: number,
  afterId: number,
  limit: number,
): Promise<Candidate[]> {
  const rows = await expiredSegments(deps.recordingDb, cameraId, cutoffMs, afterId, limit);
  return rows.map((r) => ({
    id: Number(r.id),
    cameraId: r.camera_id,
    path: r.path,
    startMs: r.start_ms,
    endMs: r.end_ms,
    sizeBytes: r.size_bytes,
  }));
}

/** Retention days per camera id: the registry's, for every camera that has recordings. */
async function retentionByCamera(deps: SweepDeps): Promise<Map<string, number>> {
  const fallback = deps.unregisteredDays ?? JUSTIFICATION_ABOVE_DAYS;
  const registered = await cameraRetentionDays(deps.camerasDb);
  const recorded = await recordedCameraIds(deps.recordingDb);
  const out = new Map<string, number>();
  for (const cameraId of recorded) out.set(cameraId, fallback);
  for (const c of registered) if (out.has(c.id)) out.set(c.id, c.retention_days);
  return out;
}

/** Runs one retention sweep and records it (run row, audit entries). */
export async function sweepExpired(deps: SweepDeps): Promise<SweepResult> {
  const { clock } = deps;
  const limit = deps.batchSize ?? 200;
  const now = clock.nowMs();
  const started = clock.monotonicMs();
  const runId = await openRun(deps.db, 'retention', now);
  const failures: BatchResult['failures'] = [];
  let held = 0;
  let error: string | null = null;
  try {
    const leftover = await finishJournal(deps, runId, now);
    failures.push(...leftover.failures);
    await closeInterruptedRuns(deps, runId);
    for (const [cameraId, days] of await retentionByCamera(deps)) {
      const cutoff = retentionCutoffMs(now, days);
      let afterId = 0;
      for (;;) {
        const batch = await expiredBatch(deps, cameraId, cutoff, afterId, limit);
        const last = batch[batch.length - 1];
        if (!last) break;
        afterId = last.id;
        const claimed = await claim(deps.db, runId, batch, now);
        held += claimed.held;
        const r = await unlinkAndForget(deps, runId, claimed.claimed);
        failures.push(...r.failures);
      }
    }
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
    deps.logger.error({ err: e, runId }, 'retention: sweep failed');
  }
  if (error === null && failures.length > 0) {
    const first = failures[0];
    error = `${failures.length} file(s) could not be deleted, first ${first?.path}: ${first?.error}`;
  }
  const run = await closeRun(
    deps,
    runId,
    { state: error === null ? 'ok' : 'failed', held, error },
    clock.monotonicMs() - started,
  );
  if (run.segmentsDeleted > 0 || run.state !== 'ok') {
    deps.logger.info(
      { runId, state: run.state, segments: run.segmentsDeleted, bytes: run.bytesDeleted, held },
      'retention: sweep done',
    );
  }
  return { run, failures };
}
