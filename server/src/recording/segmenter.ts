/**
 * The pure heart of the recorder: a synchronous state machine that turns one camera stream's
 * events into segment and fragment decisions, with no I/O. `push(event)` returns what to do:
 * open a segment, append a fragment, close the segment.
 *
 * - A segment starts on a key frame and closes at the first key frame after `segmentTargetMs`
 *   of stream time, on 'info-changed', on 'stopped', on a new 'started', on a timestamp
 *   discontinuity, or when the wall clock and the stream clock disagree by more than
 *   `reanchorThresholdMs` (the next segment is then anchored on the wall clock again).
 * - A fragment closes at every key frame and once `fragmentTargetMs` of stream time has gathered.
 * - A sample's duration is the pts difference to the next frame; a segment's last sample, when no
 *   next frame exists, repeats the previous duration.
 * - Segments of one continuous run are chained: each starts exactly where the previous ended on
 *   the run's time line (wall time of the run's anchor frame plus stream time), so continuous
 *   recording has no holes and no overlaps.
 */
import type { StreamEvent, StreamInfo, TimedAccessUnit } from '../ingest/index.ts';
import { SampleArena, type SampleBuffers } from './sample-arena.ts';

/** Tuning of the segmenter. */
export interface SegmenterOptions {
  /** Target segment length in stream time; a segment closes at the first key frame after it. */
  segmentTargetMs: number;
  /** Target fragment length; a fragment also closes at every key frame. */
  fragmentTargetMs: number;
  /** Largest tolerated disagreement between wall time and stream time before re-anchoring. */
  reanchorThresholdMs: number;
  /**
   * A pts step longer than this (the camera sent nothing in between) or not positive is a
   * discontinuity: the segment ends and the hole becomes a gap.
   */
  maxFrameGapMs: number;
}

/** Defaults: one-minute segments of one-second fragments. */
export const DEFAULT_SEGMENTER_OPTIONS: SegmenterOptions = {
  segmentTargetMs: 60_000,
  fragmentTargetMs: 1_000,
  reanchorThresholdMs: 1_000,
  maxFrameGapMs: 2_000,
};

/** One frame as written to a fragment. */
export interface SegmentSample {
  /**
   * The MP4 sample: the picture's NAL units, each after its 4-byte length. A view into the
   * fragment's `buffers`, valid until they are released.
   */
  data: Uint8Array;
  /** Decode time relative to the segment's first frame, 90 kHz. */
  decodeTime90k: number;
  /** 90 kHz. */
  duration90k: number;
  isKey: boolean;
}

/** A completed fragment of the open segment. */
export interface SegmentFragment {
  /** Decode time of its first sample relative to the segment's first frame, 90 kHz. */
  baseDecodeTime90k: number;
  samples: SegmentSample[];
  /** Sum of the sample durations, 90 kHz. */
  duration90k: number;
  /** The samples' bytes in order, as few pieces as the buffers they fill (what is written). */
  bytes: Uint8Array[];
  /**
   * The memory of the samples, now the driver's: release it once they are written or dropped
   * (never before: the segmenter reuses them for a later fragment).
   */
  buffers: SampleBuffers;
}

/** Why a segment closed. */
export type CloseReason =
  | 'rotate'
  | 'info-changed'
  | 'stopped'
  | 'started'
  | 'discontinuity'
  | 'reanchor'
  | 'too-long'
  | 'requested';

/** What the segmenter asks its driver to do, in order. */
export type SegmenterAction =
  | {
      type: 'open';
      info: StreamInfo;
      /** Wall time of the first frame on the run's time line, UTC ms. */
      startMs: number;
      /** True when this segment begins a new time line (not chained to the previous segment). */
      reanchored: boolean;
    }
  | { type: 'fragment'; fragment: SegmentFragment }
  | {
      type: 'close';
      reason: CloseReason;
      /** For a discontinuity: what the hole in the timestamps means, to record it as a gap. */
      hole?: { cause: 'stall' | 'error'; message: string };
      /** Start plus stream duration, UTC ms (rounded). */
      endMs: number;
      duration90k: number;
      frameCount: number;
    };

/**
 * A segment that reaches this length without a key frame to cut at (a camera misconfigured with
 * no GOP) is closed anyway and recording waits for the next key frame; the index allows 1 h.
 */
const MAX_SEGMENT_MS = 30 * 60_000;

/** A fragment never holds more frames than this, whatever the timestamps say. */
const MAX_FRAGMENT_FRAMES = 600;

interface OpenSegment {
  info: StreamInfo;
  anchor: Anchor;
  startMs: number;
  firstPts90k: number;
  /** Stream time at which the last added sample ends. */
  endPts90k: number;
  frameCount: number;
  fragmentStartPts90k: number;
}

interface Anchor {
  wallMs: number;
  pts90k: number;
}

/** Live figures about the time line, for status and metrics. */
export interface SegmenterStats {
  /** Last measured wall time minus time-line time, ms (positive: the camera's clock runs slow). */
  driftMs: number;
  /** Times the time line was re-anchored on the wall clock because of drift or a jump. */
  reanchors: number;
  /** Frames dropped while waiting for a key frame. */
  framesSkipped: number;
}

/** The per-stream segmenting state machine. */
export class Segmenter {
  private readonly opts: SegmenterOptions;
  private info: StreamInfo | undefined;
  private segment: OpenSegment | undefined;
  /** The frame whose duration is not known yet (its bytes are in the arena: only its timing is read). */
  private pending: TimedAccessUnit | undefined;
  private lastDuration90k = 0;
  /** The run's time line; cleared when the run ends (stop, discontinuity, explicit close). */
  private anchor: Anchor | undefined;
  private readonly stats: SegmenterStats = { driftMs: 0, reanchors: 0, framesSkipped: 0 };
  /** The samples of the fragment being gathered (copied: no access unit is held for long). */
  private readonly arena: SampleArena;
  /** The timing of the fragment's samples (reused arrays: no object per frame). */
  private readonly fragDecode90k: number[] = [];
  private readonly fragDuration90k: number[] = [];
  private readonly fragKey: boolean[] = [];

  constructor(opts: Partial<SegmenterOptions> = {}) {
    this.opts = { ...DEFAULT_SEGMENTER_OPTIONS, ...opts };
    this.arena = new SampleArena();
  }

  /** True while a segment is open. */
  get isOpen(): boolean {
    return this.segment !== undefined;
  }

  /** A copy of the time-line figures. */
  getStats(): SegmenterStats {
    return { ...this.stats };
  }

  /** Feeds one stream event; returns the actions it causes, in order. */
  push(event: StreamEvent): SegmenterAction[] {
    const out: SegmenterAction[] = [];
    switch (event.type) {
      case 'started':
        this.closeSegment('started', out);
        this.anchor = undefined;
        this.info = event.info;
        break;
      case 'info-changed':
        this.closeSegment('info-changed', out);
        this.info = event.info;
        break;
      case 'stopped':
        this.closeSegment('stopped', out);
        this.anchor = undefined;
        break;
      case 'frame':
        this.onFrame(event.frame, out);
        break;
    }
    return out;
  }

  /**
   * Closes the open segment now (disk error, back-pressure, shutdown). The time line is dropped:
   * the next segment opens at the next key frame, anchored on its wall time.
   */
  close(): SegmenterAction[] {
    const out: SegmenterAction[] = [];
    this.closeSegment('requested', out);
    this.anchor = undefined;
    return out;
  }

  private onFrame(frame: TimedAccessUnit, out: SegmenterAction[]): void {
    const seg = this.segment;
    const prev = this.pending;
    if (!seg || !prev) {
      this.openAt(frame, out);
      return;
    }
    const delta = frame.pts90k - prev.pts90k;
    if (delta <= 0 || delta > this.opts.maxFrameGapMs * 90) {
      this.closeSegment('discontinuity', out);
      const close = out[out.length - 1];
      if (close?.type === 'close') {
        close.hole =
          delta <= 0
            ? { cause: 'error', message: `camera timestamps went back by ${-delta / 90} ms` }
            : { cause: 'stall', message: `no video for ${(delta / 90_000).toFixed(1)} s` };
      }
      this.anchor = undefined;
      this.openAt(frame, out);
      return;
    }
    this.addSample(seg, prev, delta);
    this.pending = undefined;
    const anchor = seg.anchor;
    const onLine = anchor.wallMs + (frame.pts90k - anchor.pts90k) / 90;
    this.stats.driftMs = Math.round(frame.wallMs - onLine);
    if (!frame.isKey && (frame.pts90k - seg.firstPts90k) / 90 >= MAX_SEGMENT_MS) {
      this.closeSegment('too-long', out);
      const close = out[out.length - 1];
      if (close?.type === 'close') {
        close.hole = { cause: 'error', message: 'no key frame for 30 min; waiting for one' };
      }
      this.anchor = undefined;
      this.stats.framesSkipped++;
      return;
    }
    if (frame.isKey) {
      if (Math.abs(frame.wallMs - onLine) > this.opts.reanchorThresholdMs) {
        this.closeSegment('reanchor', out);
        this.anchor = undefined;
        this.stats.reanchors++;
        this.openAt(frame, out);
        return;
      }
      if ((frame.pts90k - seg.firstPts90k) / 90 >= this.opts.segmentTargetMs) {
        this.closeSegment('rotate', out);
        this.openAt(frame, out);
        return;
      }
      this.flushFragment(out);
    } else if (
      (frame.pts90k - seg.fragmentStartPts90k) / 90 >= this.opts.fragmentTargetMs ||
      this.fragKey.length >= MAX_FRAGMENT_FRAMES
    ) {
      this.flushFragment(out);
    }
    this.hold(frame);
  }

  /** Opens a segment at `frame` when it can start one; otherwise skips the frame. */
  private openAt(frame: TimedAccessUnit, out: SegmenterAction[]): void {
    const info = this.info;
    if (!info || !frame.isKey) {
      this.stats.framesSkipped++;
      return;
    }
    let reanchored = false;
    if (this.anchor) {
      const onLine = this.anchor.wallMs + (frame.pts90k - this.anchor.pts90k) / 90;
      if (Math.abs(frame.wallMs - onLine) > this.opts.reanchorThresholdMs) this.anchor = undefined;
    }
    if (!this.anchor) {
      this.anchor = { wallMs: frame.wallMs, pts90k: frame.pts90k };
      reanchored = true;
    }
    const anchor = this.anchor;
    const startMs = Math.round(anchor.wallMs + (frame.pts90k - anchor.pts90k) / 90);
    this.segment = {
      info,
      anchor,
      startMs,
      firstPts90k: frame.pts90k,
      endPts90k: frame.pts90k,
      frameCount: 0,
      fragmentStartPts90k: frame.pts90k,
    };
    this.hold(frame);
    out.push({ type: 'open', info, startMs, reanchored });
  }

  /**
   * Makes `frame` the pending one: its bytes are copied into the arena now, while they are valid
   * (a lent frame's are only during its event), and its timing is added with the next frame.
   */
  private hold(frame: TimedAccessUnit): void {
    this.arena.append(frame.nalus, frame.lengthPrefixed);
    this.pending = frame;
  }

  /** Adds the pending frame's timing as the fragment's next sample (its bytes are in the arena). */
  private addSample(seg: OpenSegment, frame: TimedAccessUnit, duration90k: number): void {
    if (this.fragKey.length === 0) seg.fragmentStartPts90k = frame.pts90k;
    this.fragDecode90k.push(frame.pts90k - seg.firstPts90k);
    this.fragDuration90k.push(duration90k);
    this.fragKey.push(frame.isKey);
    seg.frameCount++;
    seg.endPts90k = frame.pts90k + duration90k;
    this.lastDuration90k = duration90k;
  }

  private flushFragment(out: SegmenterAction[]): void {
    const n = this.fragKey.length;
    if (n === 0) return;
    const handed = this.arena.handOver();
    const samples = new Array<SegmentSample>(n);
    let duration90k = 0;
    for (let i = 0; i < n; i++) {
      const d = this.fragDuration90k[i] ?? 0;
      duration90k += d;
      samples[i] = {
        data: handed.samples[i] ?? new Uint8Array(0),
        decodeTime90k: this.fragDecode90k[i] ?? 0,
        duration90k: d,
        isKey: this.fragKey[i] ?? false,
      };
    }
    const base = this.fragDecode90k[0] ?? 0;
    this.fragDecode90k.length = 0;
    this.fragDuration90k.length = 0;
    this.fragKey.length = 0;
    out.push({
      type: 'fragment',
      fragment: {
        baseDecodeTime90k: base,
        samples,
        duration90k,
        bytes: handed.bytes,
        buffers: handed.buffers,
      },
    });
  }

  private closeSegment(reason: CloseReason, out: SegmenterAction[]): void {
    const seg = this.segment;
    if (!seg) return;
    const last = this.pending;
    if (last) {
      // No next frame: the last sample repeats the previous duration (one frame at 25 fps if
      // the segment holds a single frame).
      this.addSample(seg, last, this.lastDuration90k > 0 ? this.lastDuration90k : 3600);
      this.pending = undefined;
    }
    this.flushFragment(out);
    const duration90k = seg.endPts90k - seg.firstPts90k;
    out.push({
      type: 'close',
      reason,
      endMs: Math.round(seg.anchor.wallMs + (seg.endPts90k - seg.anchor.pts90k) / 90),
      duration90k,
      frameCount: seg.frameCount,
    });
    this.segment = undefined;
  }
}
