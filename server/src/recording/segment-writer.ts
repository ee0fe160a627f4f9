/**
 * The I/O side of one camera stream's recording: it turns the segmenter's decisions into a file
 * and an index row, through one ordered queue of async operations per stream, so that neither a
 * slow disk nor the database blocks the event loop and operations never reorder.
 *
 * - A segment's file is created (exclusively: never overwritten) together with its first
 *   fragment, init segment and fragment in one write, and its `writing` row is inserted then.
 * - Each fragment is appended as soon as the segmenter completes it, written from the
 *   segmenter's sample buffers behind its head (one `pwritev`; the buffers are released once
 *   written or dropped); the row is updated (and the
 *   file fsync'ed) every `indexUpdateMs`, and once more when the segment closes: chain digest of
 *   its init and fragment digests (the segment digest: each byte is hashed once, as its fragment
 *   is built), Ed25519 signature of the statement (v2), state `complete`.
 * - Memory is bounded: `append` refuses a fragment when `maxQueuedBytes` are already waiting for
 *   the disk; the caller then ends the segment and records a `disk` gap.
 * - A failed operation (ENOSPC, EIO, a database error) cuts the file back to its last complete
 *   fragment, drops the writes still queued, completes the row with what is on disk and reports
 *   through `onFailure`. `reset()` accepts writes again.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Clock, Logger } from '../app/index.ts';
import type { RecordingDb } from './tables.ts';
import type { GapCause, StreamInfo, StreamKind } from '../ingest/index.ts';
import type { InstallationKey } from '../keys/index.ts';
import { writeFragmentHead, writeInitSegment } from '../media/index.ts';
import {
  encodeFragmentTable,
  encodeKeyFrameIndex,
  keyFramesOf,
  type FragmentEntry,
} from './fragment-table.ts';
import { errnoOf, isDiskError, type RecordingFs, type SegmentFileHandle } from './recording-fs.ts';
import { segmentRelativePath } from './segment-path.ts';
import type { SegmentFragment } from './segmenter.ts';
import {
  closeGap,
  completeSegment,
  insertSegment,
  openGap,
  updateSegmentProgress,
  type SegmentProgress,
} from './segment-store.ts';
import { chainDigest, signStatement, type SegmentStatement } from './statement.ts';

/** Why writing stopped, as told to the stream recorder. */
export interface WriterFailure {
  cause: Extract<GapCause, 'disk' | 'error'>;
  message: string;
  /** Wall time up to which video is safely on disk: where the gap begins. */
  recordedUntilMs: number;
}

/** Figures for metrics. */
export interface WriterStats {
  segmentsWritten: number;
  bytesWritten: number;
  framesWritten: number;
  errors: number;
}

/** What a writer needs. */
export interface SegmentWriterDeps {
  db: RecordingDb;
  fs: RecordingFs;
  /** Absolute storage root (`storage.path`). */
  storageRoot: string;
  key: InstallationKey;
  clock: Clock;
  logger: Logger;
  cameraId: string;
  stream: StreamKind;
  /** Bytes that may wait for the disk before fragments are refused (default 16 MiB). */
  maxQueuedBytes?: number;
  /** How often a growing segment's row is updated and its file fsync'ed (default 10 s). */
  indexUpdateMs?: number;
  /** Told once per failure, after the failed segment's row has been completed. */
  onFailure(failure: WriterFailure): void;
}

interface FileState {
  info: StreamInfo;
  startMs: number;
  init: Uint8Array;
  initSha: Buffer;
  relPath: string | undefined;
  handle: SegmentFileHandle | undefined;
  rowId: number | undefined;
  /** Bytes on disk (complete pieces only). */
  size: number;
  /** Bytes enqueued so far: where the next fragment will start. */
  plannedSize: number;
  /** Stream time enqueued so far, 90 kHz. */
  plannedDuration90k: number;
  seq: number;
  fragments: FragmentEntry[];
  frameCount: number;
  duration90k: number;
  lastUpdateMono: number;
  /** No more appends accepted (failure or back-pressure). */
  abandoned: boolean;
}

/** The per-stream writer. */
export class SegmentWriter {
  private queue: Promise<void> = Promise.resolve();
  private queued = 0;
  private failed = false;
  /** A gap whose opening the database refused (a full volume): written when it closes. */
  private unrecordedGap: { startMs: number; cause: GapCause; message: string } | undefined;
  private current: FileState | undefined;
  private readonly maxQueued: number;
  private readonly indexUpdateMs: number;
  private readonly stats: WriterStats = {
    segmentsWritten: 0,
    bytesWritten: 0,
    framesWritten: 0,
    errors: 0,
  };

  constructor(private readonly deps: SegmentWriterDeps) {
    this.maxQueued = deps.maxQueuedBytes ?? 16 * 1024 * 1024;
    this.indexUpdateMs = deps.indexUpdateMs ?? 10_000;
  }

  /** Bytes waiting for the disk. */
  get queuedBytes(): number {
    return this.queued;
  }

  /** True after a failure until `reset()`. */
  get isFailed(): boolean {
    return this.failed;
  }

  /** The row id and wall end of what is on disk of the open segment, for live completeness. */
  get liveSegment(): { rowId: number; endMs: number } | undefined {
    const st = this.current;
    if (!st || st.rowId === undefined) return undefined;
    return { rowId: st.rowId, endMs: st.startMs + Math.round(st.duration90k / 90) };
  }

  /** Wall time up to which the open segment's fragments have been accepted (queued or written). */
  get acceptedUntilMs(): number | undefined {
    const st = this.current;
    return st && st.startMs + Math.round(st.plannedDuration90k / 90);
  }

  /** A copy of the counters. */
  getStats(): WriterStats {
    return { ...this.stats };
  }

  /** Accepts writes again after a failure. */
  reset(): void {
    this.failed = false;
  }

  /** Starts a segment. Throws `Mp4Error` when the codec parameters cannot make an init segment. */
  open(info: StreamInfo, startMs: number): void {
    const init = writeInitSegment(info.params, {
      timescale: 90_000,
      width: info.width,
      height: info.height,
    });
    const initSha = createHash('sha256').update(init).digest();
    this.current = {
      info,
      startMs,
      init,
      initSha,
      relPath: undefined,
      handle: undefined,
      rowId: undefined,
      size: 0,
      plannedSize: init.length,
      plannedDuration90k: 0,
      seq: 0,
      fragments: [],
      frameCount: 0,
      duration90k: 0,
      lastUpdateMono: this.deps.clock.monotonicMs(),
      abandoned: this.failed,
    };
  }

  /**
   * Queues a fragment of the open segment. False when it was refused because `maxQueuedBytes`
   * are already waiting (the segment is then abandoned: close it and record a gap).
   */
  append(fragment: SegmentFragment): boolean {
    const st = this.current;
    if (!st || st.abandoned || this.failed) {
      fragment.buffers.release();
      return true;
    }
    const samples = fragment.samples;
    const head = writeFragmentHead({
      sequenceNumber: ++st.seq,
      baseMediaDecodeTime: fragment.baseDecodeTime90k,
      samples: samples.map((s) => ({ data: s.data, durationTicks: s.duration90k, isKey: s.isKey })),
    });
    // The fragment is its head and its samples, written from where the segmenter put them.
    const parts = [head, ...fragment.bytes];
    let size = 0;
    for (const p of parts) size += p.length;
    if (this.queued + size > this.maxQueued) {
      fragment.buffers.release();
      st.abandoned = true;
      return false;
    }
    const hash = createHash('sha256');
    for (const p of parts) hash.update(p);
    const entry: FragmentEntry = {
      byteOffset: st.plannedSize,
      sizeBytes: size,
      decodeTime90k: fragment.baseDecodeTime90k,
      duration90k: fragment.duration90k,
      frameCount: samples.length,
      startsWithKey: samples[0]?.isKey ?? false,
      sha256: hash.digest(),
    };
    st.plannedSize += size;
    st.plannedDuration90k = fragment.baseDecodeTime90k + fragment.duration90k;
    this.enqueue(st, size, async () => {
      try {
        await this.writeFragmentOp(st, parts, entry);
      } finally {
        fragment.buffers.release(); // written (or dropped): nothing reads the samples any more
      }
    });
    return true;
  }

  /**
   * Closes the open segment: `endMs` and `duration90k` are the segmenter's figures, used when
   * every fragment reached the disk (otherwise the figures of what did are).
   */
  close(endMs: number, duration90k: number): void {
    const st = this.current;
    if (!st) return;
    this.current = undefined;
    this.enqueue(st, 0, () => this.finishOp(st, endMs, duration90k));
  }

  /**
   * Queues opening a gap (kept in order with the segment writes). A gap the database refused (a
   * full volume) is kept here and written when it closes, so the outage is never left unrecorded.
   */
  openGap(startMs: number, cause: GapCause, message: string): void {
    this.enqueueDb('open gap', async () => {
      try {
        await openGap(this.deps.db, this.ref(), startMs, cause, message);
      } catch (e) {
        this.unrecordedGap ??= { startMs, cause, message };
        throw e;
      }
    });
  }

  /** Queues closing the open gap at `endMs` (writing it first if its opening was refused). */
  closeGap(endMs: number): void {
    this.enqueueDb('close gap', async () => {
      const pending = this.unrecordedGap;
      if (pending) {
        await openGap(this.deps.db, this.ref(), pending.startMs, pending.cause, pending.message);
        this.unrecordedGap = undefined;
      }
      await closeGap(this.deps.db, this.ref(), endMs);
    });
  }

  /** Resolves when every queued operation has run. */
  async drain(): Promise<void> {
    for (let i = 0; i < 1000; i++) {
      const q = this.queue;
      await q;
      if (q === this.queue) return;
    }
  }

  private ref(): { cameraId: string; stream: StreamKind } {
    return { cameraId: this.deps.cameraId, stream: this.deps.stream };
  }

  private enqueue(st: FileState, bytes: number, op: () => Promise<void>): void {
    this.queued += bytes;
    this.queue = this.queue.then(async () => {
      try {
        await op();
      } catch (e) {
        await this.fail(st, e);
      } finally {
        this.queued -= bytes;
      }
    });
  }

  private enqueueDb(what: string, op: () => Promise<unknown>): void {
    this.queue = this.queue.then(async () => {
      try {
        await op();
      } catch (e) {
        this.deps.logger.error({ err: e, ...this.ref() }, `recording: could not ${what}`);
      }
    });
  }

  private async writeFragmentOp(
    st: FileState,
    parts: readonly Uint8Array[],
    entry: FragmentEntry,
  ): Promise<void> {
    if (this.failed || st.abandoned) return;
    if (!st.handle) {
      await this.createFile(st, parts);
    } else {
      await st.handle.write(parts, st.size);
    }
    st.size += entry.sizeBytes;
    st.fragments.push(entry);
    st.frameCount += entry.frameCount;
    st.duration90k = entry.decodeTime90k + entry.duration90k;
    this.stats.bytesWritten += entry.sizeBytes;
    this.stats.framesWritten += entry.frameCount;
    const now = this.deps.clock.monotonicMs();
    if (st.rowId === undefined) {
      st.rowId = await insertSegment(
        this.deps.db,
        {
          ...this.ref(),
          path: st.relPath ?? '',
          startMs: st.startMs,
          codec: st.info.params.codec,
          codecString: st.info.codecString,
          width: st.info.width,
          height: st.info.height,
          initSha256: st.initSha.toString('hex'),
        },
        this.progressOf(st),
        this.deps.clock.nowMs(),
      );
      st.lastUpdateMono = now;
    } else if (now - st.lastUpdateMono >= this.indexUpdateMs) {
      st.lastUpdateMono = now;
      await st.handle?.sync();
      await updateSegmentProgress(
        this.deps.db,
        st.rowId,
        this.progressOf(st),
        this.deps.clock.nowMs(),
      );
    }
  }

  /** Creates the file (a free name for its start time) with init segment and first fragment. */
  private async createFile(st: FileState, first: readonly Uint8Array[]): Promise<void> {
    const { fs, storageRoot } = this.deps;
    for (let suffix = 0; suffix < 100; suffix++) {
      const rel = segmentRelativePath(this.deps.cameraId, this.deps.stream, st.startMs, suffix);
      const abs = path.join(storageRoot, ...rel.split('/'));
      await fs.mkdirp(path.dirname(abs));
      let handle: SegmentFileHandle;
      try {
        handle = await fs.createExclusive(abs);
      } catch (e) {
        if (errnoOf(e) === 'EEXIST') continue;
        throw e;
      }
      st.relPath = rel;
      st.handle = handle;
      await handle.write([st.init, ...first], 0);
      st.size = st.init.length;
      return;
    }
    throw new Error(`no free file name for a segment starting at ${st.startMs}`);
  }

  private progressOf(st: FileState): SegmentProgress {
    return {
      endMs: st.startMs + Math.round(st.duration90k / 90),
      duration90k: st.duration90k,
      sizeBytes: st.size,
      frameCount: st.frameCount,
      keyFrames: encodeKeyFrameIndex(keyFramesOf(st.fragments)),
      fragments: encodeFragmentTable(st.fragments),
    };
  }

  /** Closes the file and completes its row: segment digest, statement (v2), signature. */
  private async finishOp(st: FileState, endMs: number, duration90k: number): Promise<void> {
    const handle = st.handle;
    st.handle = undefined;
    if (!handle) return;
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (st.rowId === undefined || st.relPath === undefined) return;
    const progress = this.progressOf(st);
    if (st.duration90k === duration90k) progress.endMs = endMs;
    const statement: SegmentStatement = {
      cameraId: this.deps.cameraId,
      stream: this.deps.stream,
      path: st.relPath,
      startMs: st.startMs,
      endMs: progress.endMs,
      sizeBytes: st.size,
      frameCount: st.frameCount,
      initSha256: st.initSha.toString('hex'),
      fragmentsSha256: chainDigest(
        st.initSha,
        st.fragments.map((f) => f.sha256),
      ),
      repaired: false,
    };
    await completeSegment(
      this.deps.db,
      st.rowId,
      {
        ...progress,
        closedBy: 'writer',
        fragmentsSha256: statement.fragmentsSha256,
        signature: signStatement(this.deps.key, statement),
        keyFingerprint: this.deps.key.fingerprint,
      },
      this.deps.clock.nowMs(),
    );
    this.stats.segmentsWritten++;
  }

  /** Removes a file this writer created that holds nothing (its first write failed). */
  private async removeEmpty(st: FileState, handle: SegmentFileHandle): Promise<void> {
    st.handle = undefined;
    const rel = st.relPath;
    if (rel === undefined) return;
    try {
      await handle.close();
      await this.deps.fs.unlink(path.join(this.deps.storageRoot, ...rel.split('/')));
      this.deps.logger.warn({ path: rel }, 'recording: removed the empty file of a failed segment');
    } catch (e) {
      this.deps.logger.warn({ err: e, path: rel }, 'recording: empty file left for repair');
    }
  }

  /** Handles a failed operation of segment `st`: cut back, complete what is on disk, report. */
  private async fail(st: FileState, e: unknown): Promise<void> {
    const cause = isDiskError(e) ? 'disk' : 'error';
    const message = `${cause === 'disk' ? 'disk error' : 'recording error'}: ${
      e instanceof Error ? e.message : String(e)
    }`;
    this.stats.errors++;
    if (this.failed) {
      this.deps.logger.warn({ err: e, ...this.ref() }, 'recording: further failure ignored');
      return;
    }
    this.failed = true;
    st.abandoned = true;
    this.deps.logger.error({ err: e, ...this.ref(), path: st.relPath }, `recording: ${message}`);
    const handle = st.handle;
    if (handle) {
      try {
        await handle.truncate(st.size);
      } catch (te) {
        this.deps.logger.warn({ err: te, path: st.relPath }, 'recording: could not cut torn tail');
      }
      if (st.size === 0) await this.removeEmpty(st, handle);
    }
    if (this.current === st) this.current = undefined;
    try {
      await this.finishOp(st, 0, -1);
    } catch (fe) {
      this.deps.logger.error(
        { err: fe, path: st.relPath },
        'recording: segment left for repair at next start',
      );
    }
    this.deps.onFailure({
      cause,
      message,
      recordedUntilMs: st.startMs + Math.round(st.duration90k / 90),
    });
  }
}
