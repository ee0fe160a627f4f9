/**
 * The recorded spans of every camera, merged, kept in memory so that a timeline of 200 cameras
 * over 7 days answers in milliseconds instead of reading two million segment rows. Each camera's
 * spans are built from the index once (one indexed range scan), then kept current by cheap
 * checks made on every request:
 * - new segments: rows with an id above the last one seen (primary-key range);
 * - segments still being written: the `writing` rows (a partial index), merged per request with
 *   their current end, and folded in once complete;
 * - deletions: a new or finished retention run (the `retention_runs` table) rebuilds the cameras;
 * - anything else: a camera's spans are rebuilt when older than `maxAgeMs`.
 * Spans closer than `toleranceMs` are joined (segments of one run touch exactly).
 */
import type { Clock } from '../app/index.ts';
import type { StreamKind } from '../ingest/index.ts';
import {
  maxSegmentId,
  segmentSpansAfter,
  segmentTimes,
  writingSegmentSpans,
  type RecordingDb,
} from '../recording/index.ts';
import { addSpan, clipSpans, type Span } from './intervals.ts';

/** What the span index reads. */
export interface TimelineIndexSources {
  /** The recording index (segments). */
  recordingDb: RecordingDb;
  /**
   * Id and end of the latest deletion run, if any (retention's `latestRun`, wired in by the
   * composition: retention sits above playback). A new or finished run means segments may have
   * been deleted, and the cached spans are rebuilt.
   */
  latestDeletionRun(): Promise<{ id: number; finished_ms: number | null } | undefined>;
}

/** Tunables. */
export interface TimelineIndexOptions {
  /** Spans closer than this are one (default 100 ms). */
  toleranceMs?: number;
  /** Rebuild a camera's spans from the index when older than this (default 1 h). */
  maxAgeMs?: number;
  /** The stream whose segments are indexed (default `main`; one index per stream). */
  stream?: StreamKind;
}

interface CameraSpans {
  spans: Span[];
  builtMono: number;
  /** Retention run seen when built. */
  retention: string;
}

/** The in-memory span index. */
export class TimelineIndex {
  private readonly cameras = new Map<string, CameraSpans>();
  private maxId = -1;
  /** Ids of segments that were `writing` at the last refresh. */
  private writing = new Map<number, { camera: string; span: Span }>();
  private retention = '';
  private readonly toleranceMs: number;
  private readonly maxAgeMs: number;
  /** The stream indexed. */
  readonly stream: StreamKind;
  private refreshing: Promise<void> | undefined;

  constructor(
    private readonly sources: TimelineIndexSources,
    private readonly clock: Clock,
    opts: TimelineIndexOptions = {},
  ) {
    this.toleranceMs = opts.toleranceMs ?? 100;
    this.maxAgeMs = opts.maxAgeMs ?? 3_600_000;
    this.stream = opts.stream ?? 'main';
  }

  /** Recorded spans of each camera within `[fromMs, toMs)`, sorted and merged. */
  async spans(
    cameraIds: readonly string[],
    fromMs: number,
    toMs: number,
  ): Promise<Map<string, Span[]>> {
    await this.refresh();
    const out = new Map<string, Span[]>();
    const now = this.clock.monotonicMs();
    for (const id of cameraIds) {
      let c = this.cameras.get(id);
      if (!c || c.retention !== this.retention || now - c.builtMono > this.maxAgeMs) {
        c = await this.build(id);
      }
      let list = clipSpans(c.spans, fromMs, toMs);
      const live = [...this.writing.values()].filter((w) => w.camera === id);
      if (live.length > 0) {
        list = [...list];
        for (const w of live) addSpan(list, w.span, this.toleranceMs);
        list = clipSpans(list, fromMs, toMs);
      }
      out.set(id, list);
    }
    return out;
  }

  /** Forgets everything (tests, or after an administrative change to the index). */
  clear(): void {
    this.cameras.clear();
    this.maxId = -1;
  }

  private async build(cameraId: string): Promise<CameraSpans> {
    const rows = await segmentTimes(this.sources.recordingDb, { cameraId, stream: this.stream });
    const spans: Span[] = [];
    for (const r of rows) addSpan(spans, [r.start_ms, r.end_ms], this.toleranceMs);
    // Writing segments are merged per request, with their current end; drop their stale part.
    const c = { spans, builtMono: this.clock.monotonicMs(), retention: this.retention };
    this.cameras.set(cameraId, c);
    return c;
  }

  /** Brings the cached spans up to date with new, completed and deleted segments. */
  private refresh(): Promise<void> {
    this.refreshing ??= this.doRefresh().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async doRefresh(): Promise<void> {
    const run = await this.sources.latestDeletionRun();
    const retention = run ? `${run.id}:${run.finished_ms ?? 'running'}` : '';
    if (retention !== this.retention) {
      this.retention = retention;
      this.cameras.clear();
    }
    const maxId = await maxSegmentId(this.sources.recordingDb);
    const writingRows = await writingSegmentSpans(this.sources.recordingDb, this.stream);
    const nowWriting = new Map<number, { camera: string; span: Span }>();
    for (const w of writingRows) {
      nowWriting.set(w.id, { camera: w.camera_id, span: [w.start_ms, w.end_ms] });
    }
    // Rows to fold into the cache: new since the last refresh, or no longer writing.
    const finished = [...this.writing.keys()].filter((id) => !nowWriting.has(id));
    if (this.maxId >= 0 && (maxId > this.maxId || finished.length > 0)) {
      const rows = await segmentSpansAfter(
        this.sources.recordingDb,
        this.stream,
        this.maxId,
        finished,
      );
      for (const r of rows) {
        if (r.state !== 'complete') continue;
        const c = this.cameras.get(r.camera_id);
        if (c) addSpan(c.spans, [r.start_ms, r.end_ms], this.toleranceMs);
      }
    }
    this.maxId = maxId;
    this.writing = nowWriting;
  }
}
