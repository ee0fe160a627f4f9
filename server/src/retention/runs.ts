/**
 * The record of deletion runs: a `retention_runs` row opened when a run starts (so that a crash
 * leaves a trace), its counters kept by the deletion steps, and at the end the audit entries —
 * one `recording.delete` per camera (what: the camera and the deleted range; how much: segments
 * and bytes) and one `retention.run` for the run (totals, state, how long it took).
 */
import type { Clock } from '../app/index.ts';
import type { AuditRecorder } from '../audit/index.ts';
import type { RetentionDb, RetentionRunKind, RetentionRunState } from './tables.ts';
import { parseTotals, type CameraTotals } from './deletion.ts';

/** The name the system's own audit entries carry. */
export const SYSTEM_ACTOR = 'system:retention';

/** A finished run, as reported to callers and the compliance report. */
export interface RetentionRun {
  id: number;
  kind: RetentionRunKind;
  state: RetentionRunState;
  startedMs: number;
  finishedMs: number | null;
  segmentsDeleted: number;
  bytesDeleted: number;
  segmentsHeld: number;
  cameras: Record<string, CameraTotals>;
  error: string | null;
}

/** Opens a run row in state `running`; its id. */
export async function openRun(
  db: RetentionDb,
  kind: RetentionRunKind,
  nowMs: number,
): Promise<number> {
  const row = await db
    .insertInto('retention_runs')
    .values({ kind, state: 'running', started_ms: nowMs, finished_ms: null, error: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/** Reads one run. */
export async function readRun(db: RetentionDb, id: number): Promise<RetentionRun> {
  const r = await db
    .selectFrom('retention_runs')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return {
    id: Number(r.id),
    kind: r.kind,
    state: r.state,
    startedMs: r.started_ms,
    finishedMs: r.finished_ms,
    segmentsDeleted: r.segments_deleted,
    bytesDeleted: r.bytes_deleted,
    segmentsHeld: r.segments_held,
    cameras: parseTotals(r.cameras_json),
    error: r.error,
  };
}

/** Runs started since `sinceMs`, newest first (at most `limit`). */
export async function listRuns(
  db: RetentionDb,
  sinceMs: number,
  limit = 1000,
): Promise<RetentionRun[]> {
  const rows = await db
    .selectFrom('retention_runs')
    .select('id')
    .where('started_ms', '>=', sinceMs)
    .orderBy('started_ms', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return Promise.all(rows.map((r) => readRun(db, Number(r.id))));
}

/**
 * Id and end of the latest run (by id), if any: a new or finished run means recordings may have
 * been deleted (the timeline's span index rebuilds on a change).
 */
export async function latestRun(
  db: RetentionDb,
): Promise<{ id: number; finished_ms: number | null } | undefined> {
  return db
    .selectFrom('retention_runs')
    .select(['id', 'finished_ms'])
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** What closing a run needs. */
export interface CloseRunDeps {
  db: RetentionDb;
  clock: Clock;
  audit: AuditRecorder;
}

/** How a run ended. */
export interface RunOutcome {
  state: Exclude<RetentionRunState, 'running'>;
  held: number;
  error: string | null;
}

/**
 * Closes a run: state, end time, segments held; then writes its audit entries. `durationMs` is
 * measured on the clock's monotonic time by the caller (null for a run finished after a crash).
 */
export async function closeRun(
  deps: CloseRunDeps,
  id: number,
  outcome: RunOutcome,
  durationMs: number | null,
): Promise<RetentionRun> {
  await finishRunRow(deps, id, outcome);
  const run = await readRun(deps.db, id);
  await auditRun(deps.audit, run, durationMs);
  return run;
}

/** The first half of `closeRun`: the run row's state, end time and segments held. */
export async function finishRunRow(
  deps: CloseRunDeps,
  id: number,
  outcome: RunOutcome,
): Promise<void> {
  await deps.db
    .updateTable('retention_runs')
    .set((eb) => ({
      state: outcome.state,
      finished_ms: deps.clock.nowMs(),
      segments_held: eb('segments_held', '+', outcome.held),
      error: outcome.error === null ? null : outcome.error.slice(0, 2000),
    }))
    .where('id', '=', id)
    .execute();
}

/**
 * The second half of `closeRun`: one `recording.delete` per camera and one `retention.run`,
 * recorded together so that they are committed in one batch (all or none).
 */
export async function auditRun(
  audit: AuditRecorder,
  run: RetentionRun,
  durationMs: number | null,
): Promise<void> {
  const entries = Object.entries(run.cameras).map(([cameraId, t]) =>
    audit.record({
      action: 'recording.delete',
      outcome: 'granted',
      username: SYSTEM_ACTOR,
      cameraId,
      resource: `retention_run:${run.id}`,
      fromMs: t.fromMs,
      toMs: t.toMs,
      reason: run.kind === 'retention' ? 'retention period elapsed' : 'disk pressure',
      details: { runId: run.id, kind: run.kind, segments: t.segments, bytes: t.bytes },
    }),
  );
  const cameraCount = Object.keys(run.cameras).length;
  entries.push(
    audit.record({
      action: 'retention.run',
      outcome: 'granted',
      username: SYSTEM_ACTOR,
      resource: `retention_run:${run.id}`,
      reason: run.error,
      details: {
        runId: run.id,
        kind: run.kind,
        state: run.state,
        startedMs: run.startedMs,
        finishedMs: run.finishedMs,
        durationMs,
        segmentsDeleted: run.segmentsDeleted,
        bytesDeleted: run.bytesDeleted,
        segmentsHeld: run.segmentsHeld,
        cameras: cameraCount,
      },
    }),
  );
  await Promise.all(entries);
}

/**
 * Runs left `running` by a process that stopped: marked `interrupted` and audited. Call only
 * when no other run is in progress (the service runs one at a time, one service per storage).
 */
export async function closeInterruptedRuns(
  deps: CloseRunDeps,
  exceptId: number,
): Promise<number[]> {
  const rows = await deps.db
    .selectFrom('retention_runs')
    .select('id')
    .where('state', '=', 'running')
    .where('id', '<>', exceptId)
    .execute();
  const ids: number[] = [];
  for (const r of rows) {
    await closeRun(
      deps,
      Number(r.id),
      {
        state: 'interrupted',
        held: 0,
        error: 'the process stopped during this run; finished by a later run',
      },
      null,
    );
    ids.push(Number(r.id));
  }
  return ids;
}
