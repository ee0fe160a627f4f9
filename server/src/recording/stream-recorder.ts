/**
 * Records one camera stream: a hub subscriber that feeds the pure `Segmenter` and carries out its
 * decisions through a `SegmentWriter`, and that keeps the stream's gaps. A gap opens when video
 * stops (`stopped` event: its cause), when the disk fails or cannot keep up (`disk`), when the
 * stream cannot be muxed (`error`), and when the recorder stops (`restart`); it closes at the
 * start of the next segment. After a disk failure the stream waits `diskRetryMs` and for the
 * write queue to drain, then starts again at the next key frame.
 */
import type { Clock, Logger } from '../app/index.ts';
import type { HubSubscriber, GapCause, StreamEvent, StreamKind } from '../ingest/index.ts';
import { Segmenter, type SegmenterAction, type SegmenterOptions } from './segmenter.ts';
import {
  SegmentWriter,
  type SegmentWriterDeps,
  type WriterFailure,
  type WriterStats,
} from './segment-writer.ts';

/** What a stream recorder needs. */
export interface StreamRecorderDeps extends Omit<SegmentWriterDeps, 'onFailure'> {
  segmenter?: Partial<SegmenterOptions>;
  /** Pause after a disk failure before trying again (default 10 s). */
  diskRetryMs?: number;
  /** The stream's gap that is open in the index when recording starts, if any. */
  openGap?: OpenGap | undefined;
}

/** A gap that has not ended. */
export interface OpenGap {
  startMs: number;
  cause: GapCause;
  message: string;
}

/** Where the stream's recording stands. */
export type RecordingState = 'recording' | 'waiting' | 'error' | 'stopped';

/** Live recording figures of one stream, for the status API and metrics. */
export interface StreamRecordingStatus extends WriterStats {
  cameraId: string;
  stream: StreamKind;
  state: RecordingState;
  lastError: { atMs: number; message: string } | undefined;
  openGap: OpenGap | undefined;
  /** Last wall-minus-stream-time difference seen, ms. */
  clockDriftMs: number;
  reanchors: number;
  framesSkipped: number;
  queuedBytes: number;
}

/** The recorder of one camera stream. */
export class StreamRecorder implements HubSubscriber {
  private readonly segmenter: Segmenter;
  private readonly writer: SegmentWriter;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private gap: OpenGap | undefined;
  private lastEndMs: number | undefined;
  private suspendedUntilMono: number | undefined;
  private lastError: { atMs: number; message: string } | undefined;
  private stopped = false;
  private readonly diskRetryMs: number;

  constructor(private readonly deps: StreamRecorderDeps) {
    this.clock = deps.clock;
    this.logger = deps.logger;
    this.segmenter = new Segmenter(deps.segmenter);
    this.writer = new SegmentWriter({ ...deps, onFailure: (f) => this.onWriterFailure(f) });
    this.gap = deps.openGap;
    this.diskRetryMs = deps.diskRetryMs ?? 10_000;
  }

  /** Hub callback: one event of the stream, in order. */
  onEvent(event: StreamEvent): void {
    if (this.stopped) return;
    if (event.type === 'frame' && this.suspendedUntilMono !== undefined) {
      if (!this.mayResume()) return;
      this.suspendedUntilMono = undefined;
      this.writer.reset();
    }
    this.apply(this.segmenter.push(event));
    if (event.type === 'stopped') {
      this.openGap(this.lastEndMs ?? event.atMs, event.cause, event.message);
      this.lastEndMs = undefined;
    }
  }

  /** Live figures. */
  status(): StreamRecordingStatus {
    const seg = this.segmenter.getStats();
    let state: RecordingState = 'waiting';
    if (this.stopped) state = 'stopped';
    else if (this.suspendedUntilMono !== undefined) state = 'error';
    else if (this.segmenter.isOpen) state = 'recording';
    return {
      cameraId: this.deps.cameraId,
      stream: this.deps.stream,
      state,
      lastError: this.lastError,
      openGap: this.gap,
      clockDriftMs: seg.driftMs,
      reanchors: seg.reanchors,
      framesSkipped: seg.framesSkipped,
      queuedBytes: this.writer.queuedBytes,
      ...this.writer.getStats(),
    };
  }

  /** The open segment's row and how far it is on disk (fresher than its row). */
  liveSegment(): { rowId: number; endMs: number } | undefined {
    return this.writer.liveSegment;
  }

  /**
   * Closes the open segment and waits for every write. With `gapCause` ('restart' when the
   * recorder shuts down), a gap opens where the recording ends.
   */
  async stop(gapCause?: GapCause, message = 'recorder stopped'): Promise<void> {
    if (!this.stopped) {
      this.apply(this.segmenter.close());
      if (gapCause) this.openGap(this.lastEndMs ?? this.clock.nowMs(), gapCause, message);
      this.stopped = true;
    }
    await this.writer.drain();
  }

  /** Waits until every queued write has run (tests, shutdown). */
  drain(): Promise<void> {
    return this.writer.drain();
  }

  private mayResume(): boolean {
    const until = this.suspendedUntilMono ?? 0;
    return this.clock.monotonicMs() >= until && this.writer.queuedBytes === 0;
  }

  private apply(actions: SegmenterAction[]): void {
    for (const a of actions) {
      switch (a.type) {
        case 'open':
          if (this.suspendedUntilMono !== undefined) break;
          this.openSegment(a.info, a.startMs);
          break;
        case 'fragment':
          if (this.suspendedUntilMono !== undefined) break;
          if (!this.writer.append(a.fragment)) this.onBackPressure();
          break;
        case 'close':
          this.writer.close(a.endMs, a.duration90k);
          this.lastEndMs = a.endMs;
          if (a.hole) this.openGap(a.endMs, a.hole.cause, a.hole.message);
          break;
      }
    }
  }

  private openSegment(info: Parameters<SegmentWriter['open']>[0], startMs: number): void {
    try {
      this.writer.open(info, startMs);
    } catch (e) {
      const message = `cannot record this stream: ${e instanceof Error ? e.message : String(e)}`;
      this.logger.error({ err: e, cameraId: this.deps.cameraId }, `recording: ${message}`);
      this.suspend(message);
      this.segmenter.close();
      this.openGap(startMs, 'error', message);
      return;
    }
    if (this.gap) {
      this.writer.closeGap(startMs);
      this.gap = undefined;
    }
    this.lastEndMs = undefined;
  }

  /** The disk cannot keep up: end the segment, record a gap, wait for the queue to drain. */
  private onBackPressure(): void {
    const queued = this.writer.queuedBytes;
    const message = `disk too slow: ${Math.round(queued / 1024)} KiB waiting to be written`;
    this.logger.error({ cameraId: this.deps.cameraId, stream: this.deps.stream }, message);
    const startMs = this.writer.acceptedUntilMs ?? this.clock.nowMs();
    this.suspend(message);
    this.apply(this.segmenter.close());
    this.openGap(startMs, 'disk', message);
  }

  private onWriterFailure(f: WriterFailure): void {
    this.suspend(f.message);
    this.apply(this.segmenter.close());
    this.openGap(f.recordedUntilMs, f.cause, f.message);
  }

  private suspend(message: string): void {
    this.lastError = { atMs: this.clock.nowMs(), message };
    this.suspendedUntilMono = this.clock.monotonicMs() + this.diskRetryMs;
  }

  private openGap(startMs: number, cause: GapCause, message: string): void {
    if (this.gap) return;
    this.gap = { startMs, cause, message };
    this.writer.openGap(startMs, cause, message);
  }
}
