/**
 * Crash-safe deletion of recorded segments, shared by the retention sweeper and disk pressure.
 * Three steps per batch, in this order:
 *
 * 1. **Claim** — in one transaction, re-read the legal holds of the batch's cameras, drop every
 *    segment a hold now covers, and write the rest into `deletion_journal` (with the run's id).
 * 2. **Unlink** — remove each claimed file. A file already gone counts as removed.
 * 3. **Forget** — in one transaction, delete the segments' index rows and journal entries and add
 *    them to the run's counters.
 *
 * A crash after 1 leaves journal entries whose rows still exist: the next run finishes them
 * (`finishJournal`), so a due deletion is never skipped. The index row outlives its file, never
 * the reverse, so crash repair never finds an unindexed old file to bring back: nothing deleted
 * is resurrected. A file that cannot be unlinked (EIO, EACCES) keeps its row and journal entry
 * and fails the run; the next run tries again, first checking whether a hold now covers it.
 */
import type { RetentionDb, DeletionJournalRow } from './tables.ts';
import { heldRangesByCamera, overlapsAny } from '../holds/index.ts';
import type { HoldsDb } from '../holds/index.ts';
import { segmentFilePath, deleteSegmentRows } from '../recording/index.ts';
import type { RecordingDb } from '../recording/index.ts';
import type { Selectable } from 'kysely';

/** A segment as the deleter sees it. */
export interface Candidate {
  id: number;
  cameraId: string;
  path: string;
  startMs: number;
  endMs: number;
  sizeBytes: number;
}

/** The file operations deletion needs (the recorder's `RecordingFs` satisfies it). */
export interface DeletionFs {
  unlink(path: string): Promise<void>;
  /** Size in bytes, or undefined when the file does not exist. */
  sizeOf(path: string): Promise<number | undefined>;
}

/** What deleting needs. */
export interface DeletionDeps {
  /**
   * Retention's own tables. Its transactions are handed to the owners' functions that must run
   * inside them: the legal holds re-read when claiming, the segment rows deleted when forgetting.
   */
  db: RetentionDb;
  /** The recording index, read (never written) through recording's functions. */
  recordingDb: RecordingDb;
  /** The legal holds, read through holds' functions. */
  holdsDb: HoldsDb;
  fs: DeletionFs;
  /** Absolute storage root (`storage.path`). */
  storageRoot: string;
}

/** Per-camera totals of a run. */
export interface CameraTotals {
  segments: number;
  bytes: number;
  fromMs: number;
  toMs: number;
}

/** What one batch did. */
export interface BatchResult {
  deleted: Candidate[];
  /** Candidates a hold covered at claim time; kept. */
  held: number;
  /** Files that could not be removed, with why. */
  failures: { path: string; error: string }[];
}

function codeOf(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string'
    ? e.code
    : undefined;
}

/** Step 1: claims the candidates no hold covers now; returns them and how many were held. */
export async function claim(
  db: RetentionDb,
  runId: number,
  candidates: readonly Candidate[],
  nowMs: number,
): Promise<{ claimed: Candidate[]; held: number }> {
  if (candidates.length === 0) return { claimed: [], held: 0 };
  return db.transaction().execute(async (tx) => {
    const cameras = [...new Set(candidates.map((c) => c.cameraId))];
    const holds = await heldRangesByCamera(tx, nowMs, cameras);
    const claimed = candidates.filter(
      (c) => !overlapsAny({ fromMs: c.startMs, toMs: c.endMs }, holds.get(c.cameraId) ?? []),
    );
    if (claimed.length > 0) {
      await tx
        .insertInto('deletion_journal')
        .values(
          claimed.map((c) => ({
            segment_id: c.id,
            run_id: runId,
            camera_id: c.cameraId,
            path: c.path,
            start_ms: c.startMs,
            end_ms: c.endMs,
            size_bytes: c.sizeBytes,
            claimed_ms: nowMs,
          })),
        )
        .execute();
    }
    return { claimed, held: candidates.length - claimed.length };
  });
}

/** Steps 2 and 3 for claimed segments. */
export async function unlinkAndForget(
  deps: DeletionDeps,
  runId: number,
  claimed: readonly Candidate[],
): Promise<BatchResult> {
  const removed: Candidate[] = [];
  const failures: BatchResult['failures'] = [];
  for (const c of claimed) {
    try {
      await deps.fs.unlink(segmentFilePath(deps.storageRoot, c.path));
      removed.push(c);
    } catch (e) {
      if (codeOf(e) === 'ENOENT') removed.push(c);
      else failures.push({ path: c.path, error: e instanceof Error ? e.message : String(e) });
    }
  }
  await forget(deps.db, runId, removed);
  return { deleted: removed, held: 0, failures };
}

/** Step 3: drops index rows and journal entries of removed files and counts them in the run. */
async function forget(
  db: RetentionDb,
  runId: number,
  removed: readonly Candidate[],
): Promise<void> {
  if (removed.length === 0) return;
  const ids = removed.map((c) => c.id);
  await db.transaction().execute(async (tx) => {
    await deleteSegmentRows(tx, ids);
    await tx.deleteFrom('deletion_journal').where('segment_id', 'in', ids).execute();
    const run = await tx
      .selectFrom('retention_runs')
      .select(['segments_deleted', 'bytes_deleted', 'cameras_json'])
      .where('id', '=', runId)
      .executeTakeFirstOrThrow();
    const cameras = addTotals(parseTotals(run.cameras_json), removed);
    await tx
      .updateTable('retention_runs')
      .set({
        segments_deleted: run.segments_deleted + removed.length,
        bytes_deleted: run.bytes_deleted + removed.reduce((n, c) => n + c.sizeBytes, 0),
        cameras_json: JSON.stringify(cameras),
      })
      .where('id', '=', runId)
      .execute();
  });
}

/** Reads a run's per-camera totals. */
export function parseTotals(json: string): Record<string, CameraTotals> {
  try {
    const v: unknown = JSON.parse(json);
    return typeof v === 'object' && v !== null ? (v as Record<string, CameraTotals>) : {};
  } catch {
    return {};
  }
}

function addTotals(
  totals: Record<string, CameraTotals>,
  removed: readonly Candidate[],
): Record<string, CameraTotals> {
  const out = { ...totals };
  for (const c of removed) {
    const t = out[c.cameraId];
    out[c.cameraId] = t
      ? {
          segments: t.segments + 1,
          bytes: t.bytes + c.sizeBytes,
          fromMs: Math.min(t.fromMs, c.startMs),
          toMs: Math.max(t.toMs, c.endMs),
        }
      : { segments: 1, bytes: c.sizeBytes, fromMs: c.startMs, toMs: c.endMs };
  }
  return out;
}

/**
 * Finishes the journal left by earlier runs (a crash, or a file that could not be unlinked), as
 * part of run `runId`: an entry whose file still exists and that a hold now covers is released
 * (kept); the others are unlinked and forgotten, and counted in `runId`.
 */
export async function finishJournal(
  deps: DeletionDeps,
  runId: number,
  nowMs: number,
): Promise<BatchResult> {
  const result: BatchResult = { deleted: [], held: 0, failures: [] };
  const entries = await deps.db
    .selectFrom('deletion_journal')
    .selectAll()
    .orderBy('segment_id')
    .execute();
  if (entries.length === 0) return result;
  await deps.db.updateTable('deletion_journal').set({ run_id: runId }).execute();
  const cameras = [...new Set(entries.map((e) => e.camera_id))];
  const holds = await heldRangesByCamera(deps.holdsDb, nowMs, cameras);
  const todo: Candidate[] = [];
  for (const e of entries) {
    const c = candidateOfEntry(e);
    const isHeld = overlapsAny({ fromMs: c.startMs, toMs: c.endMs }, holds.get(c.cameraId) ?? []);
    const abs = segmentFilePath(deps.storageRoot, c.path);
    if (isHeld && (await deps.fs.sizeOf(abs)) !== undefined) {
      await deps.db.deleteFrom('deletion_journal').where('segment_id', '=', c.id).execute();
      result.held += 1;
    } else {
      todo.push(c);
    }
  }
  const r = await unlinkAndForget(deps, runId, todo);
  return { deleted: r.deleted, held: result.held, failures: r.failures };
}

function candidateOfEntry(e: Selectable<DeletionJournalRow>): Candidate {
  return {
    id: e.segment_id,
    cameraId: e.camera_id,
    path: e.path,
    startMs: e.start_ms,
    endMs: e.end_ms,
    sizeBytes: e.size_bytes,
  };
}
