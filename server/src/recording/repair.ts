/**
 * Crash repair, run at start-up before recording begins. Every segment still `writing` in the
 * index, and every segment file in the newest two day folders of each camera stream that has no
 * row (a crash between creating the file and inserting its row), is read back: the torn tail (a
 * fragment cut short) is truncated, end time, frame count, fragment table and digests are
 * recomputed from the bytes (each byte hashed once), the statement (v2, marked
 * `closed_by: repaired`) is signed, and the row becomes `complete`. A `restart` gap opens where
 * the repaired video ends; the stream recorder closes it when recording resumes.
 *
 * Nothing is removed silently: a file without a single complete fragment (it holds no video) is
 * deleted with a warning naming it, and a row whose file is missing is dropped with an error log.
 */
import path from 'node:path';
import type { Clock, Logger } from '../app/index.ts';
import type { RecordingDb } from './tables.ts';
import type { InstallationKey } from '../keys/index.ts';
import { analyzeSegmentFile, isUnreadable, type SegmentFileFacts } from './file-analysis.ts';
import { encodeFragmentTable, encodeKeyFrameIndex } from './fragment-table.ts';
import type { RecordingFs } from './recording-fs.ts';
import { parseSegmentPath, type SegmentPathParts } from './segment-path.ts';
import {
  completeSegment,
  deleteSegmentRow,
  insertSegment,
  lastSegment,
  openGap,
  segmentByPath,
  writingSegments,
  type StreamRef,
} from './segment-store.ts';
import { signStatement } from './statement.ts';

/** What repair needs. */
export interface RepairDeps {
  db: RecordingDb;
  fs: RecordingFs;
  storageRoot: string;
  key: InstallationKey;
  clock: Clock;
  logger: Logger;
}

/** What one repair run did. */
export interface RepairReport {
  /** Segments completed by repair (paths). */
  repaired: string[];
  /** Bytes of torn tails cut, over all files. */
  tornBytes: number;
  /** Files or rows removed because they held no video (paths). */
  removed: string[];
}

/** Repairs every segment a crash left behind. */
export async function repairRecordings(deps: RepairDeps): Promise<RepairReport> {
  const report: RepairReport = { repaired: [], tornBytes: 0, removed: [] };
  for (const row of await writingSegments(deps.db)) {
    await repairOne(deps, row.path, row.id, report);
  }
  for (const rel of await recentUnindexedFiles(deps)) {
    await repairOne(deps, rel, undefined, report);
  }
  if (report.repaired.length > 0 || report.removed.length > 0) {
    deps.logger.warn(report, 'recording: repaired segments left by a crash');
  }
  return report;
}

async function repairOne(
  deps: RepairDeps,
  rel: string,
  rowId: number | undefined,
  report: RepairReport,
): Promise<void> {
  const abs = path.join(deps.storageRoot, ...rel.split('/'));
  const parts = parseSegmentPath(rel);
  const size = await deps.fs.sizeOf(abs);
  if (size === undefined || !parts) {
    deps.logger.error({ path: rel }, 'recording: a segment being written has no file; row dropped');
    if (rowId !== undefined) await deleteSegmentRow(deps.db, rowId);
    report.removed.push(rel);
    return;
  }
  const facts = analyzeSegmentFile(await deps.fs.readFile(abs));
  if (isUnreadable(facts)) {
    deps.logger.warn(
      { path: rel, why: facts.unreadable },
      'recording: removing a segment file that holds no complete fragment',
    );
    await deps.fs.unlink(abs);
    if (rowId !== undefined) await deleteSegmentRow(deps.db, rowId);
    report.removed.push(rel);
    return;
  }
  if (facts.tornBytes > 0) {
    await deps.fs.truncate(abs, facts.validLength);
    report.tornBytes += facts.tornBytes;
  }
  const id = rowId ?? (await insertRow(deps, rel, parts, facts));
  const endMs = parts.startMs + Math.round(facts.duration90k / 90);
  const signature = signStatement(deps.key, {
    cameraId: parts.cameraId,
    stream: parts.stream,
    path: rel,
    startMs: parts.startMs,
    endMs,
    sizeBytes: facts.validLength,
    frameCount: facts.frameCount,
    initSha256: facts.initSha256,
    fragmentsSha256: facts.fragmentsSha256,
    repaired: true,
  });
  await completeSegment(
    deps.db,
    id,
    {
      endMs,
      duration90k: facts.duration90k,
      sizeBytes: facts.validLength,
      frameCount: facts.frameCount,
      keyFrames: encodeKeyFrameIndex(facts.keyFrames),
      fragments: encodeFragmentTable(facts.fragments),
      closedBy: 'repair',
      fragmentsSha256: facts.fragmentsSha256,
      signature,
      keyFingerprint: deps.key.fingerprint,
    },
    deps.clock.nowMs(),
  );
  const ref: StreamRef = { cameraId: parts.cameraId, stream: parts.stream };
  const torn = facts.tornBytes > 0 ? `; ${facts.tornBytes} bytes of a torn fragment cut` : '';
  await openGap(deps.db, ref, endMs, 'restart', `recorder restarted after a crash${torn}`);
  report.repaired.push(rel);
}

async function insertRow(
  deps: RepairDeps,
  rel: string,
  parts: SegmentPathParts,
  facts: SegmentFileFacts,
): Promise<number> {
  return insertSegment(
    deps.db,
    {
      cameraId: parts.cameraId,
      stream: parts.stream,
      path: rel,
      startMs: parts.startMs,
      codec: facts.codec,
      codecString: facts.codecString,
      width: facts.width,
      height: facts.height,
      initSha256: facts.initSha256,
    },
    {
      endMs: parts.startMs + Math.round(facts.duration90k / 90),
      duration90k: facts.duration90k,
      sizeBytes: facts.validLength,
      frameCount: facts.frameCount,
      keyFrames: encodeKeyFrameIndex(facts.keyFrames),
      fragments: encodeFragmentTable(facts.fragments),
    },
    deps.clock.nowMs(),
  );
}

/**
 * Segment files without a row in the newest two day folders of every camera stream. Files are
 * created in time order and indexed right after their first write, so only files that start at
 * or after the stream's newest indexed segment can lack a row: older ones are not looked up.
 */
async function recentUnindexedFiles(deps: RepairDeps): Promise<string[]> {
  const { fs, storageRoot } = deps;
  const out: string[] = [];
  const newest = async (dir: string, n: number): Promise<string[]> =>
    (await fs.list(dir))
      .filter((d) => /^\d+$/.test(d))
      .sort()
      .slice(-n);
  for (const camera of await fs.list(storageRoot)) {
    for (const stream of ['main', 'sub'] as const) {
      const streamDir = path.join(storageRoot, camera, stream);
      const days: string[] = [];
      for (const y of await newest(streamDir, 2)) {
        for (const m of await newest(path.join(streamDir, y), 2)) {
          for (const d of await newest(path.join(streamDir, y, m), 2)) days.push(`${y}/${m}/${d}`);
        }
      }
      if (days.length === 0) continue;
      const since = (await lastSegment(deps.db, { cameraId: camera, stream }))?.start_ms ?? 0;
      for (const day of days.sort().slice(-2)) {
        for (const name of await fs.list(path.join(streamDir, ...day.split('/')))) {
          const rel = `${camera}/${stream}/${day}/${name}`;
          const parts = parseSegmentPath(rel);
          if (!parts || parts.startMs < since) continue;
          if (!(await segmentByPath(deps.db, rel))) out.push(rel);
        }
      }
    }
  }
  return out;
}
