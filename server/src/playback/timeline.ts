/**
 * The timeline of cameras over a window: recorded spans (merged, from the in-memory span index),
 * gaps with their causes (the recorder's gap rows, plus any hole between spans that no gap row
 * explains, as `unrecorded`), and the legal holds in force that cover the window.
 */
import { holdsInForceOver, type HoldsDb } from '../holds/index.ts';
import { gapsOfCamerasInRange, type RecordingDb } from '../recording/index.ts';
import { clipSpans, holesBetween, type Span } from './intervals.ts';
import type { TimelineIndex } from './timeline-index.ts';

/** A stretch without recording. */
export interface TimelineGap {
  fromMs: number;
  toMs: number;
  /** The recorder's cause, or `unrecorded` when none is known. */
  cause: string;
  message: string;
  /** True while the gap is still open (recording has not resumed). */
  open: boolean;
}

/** A legal hold over part of the window. */
export interface TimelineHold {
  id: string;
  fromMs: number;
  toMs: number;
  authority: string;
  reference: string;
}

/** One camera's timeline. */
export interface CameraTimeline {
  cameraId: string;
  spans: Span[];
  gaps: TimelineGap[];
  holds: TimelineHold[];
}

/** The tables the timeline reads besides the span index: the recording index and the holds. */
export interface TimelineDbs {
  recordingDb: RecordingDb;
  holdsDb: HoldsDb;
}

/** Holes shorter than this between spans are not reported as gaps. */
const MIN_HOLE_MS = 1000;

/** The timelines of `cameraIds` over `[fromMs, toMs)`, at wall time `nowMs`, of the index's stream. */
export async function timelines(
  dbs: TimelineDbs,
  index: TimelineIndex,
  cameraIds: readonly string[],
  fromMs: number,
  toMs: number,
  nowMs: number,
): Promise<CameraTimeline[]> {
  if (cameraIds.length === 0) return [];
  const spans = await index.spans(cameraIds, fromMs, toMs);
  const gapRows = await gapsOfCamerasInRange(
    dbs.recordingDb,
    cameraIds,
    index.stream,
    fromMs,
    toMs,
  );
  const holdRows = await holdsInForceOver(dbs.holdsDb, cameraIds, fromMs, toMs, nowMs);
  return cameraIds.map((cameraId) => {
    const list = spans.get(cameraId) ?? [];
    const gaps: TimelineGap[] = gapRows
      .filter((g) => g.camera_id === cameraId)
      .map((g) => ({
        fromMs: Math.max(g.start_ms, fromMs),
        toMs: Math.min(g.end_ms ?? Math.min(nowMs, toMs), toMs),
        cause: g.cause,
        message: g.message,
        open: g.end_ms === null,
      }))
      .filter((g) => g.toMs > g.fromMs);
    for (const [a, b] of holesBetween(list)) {
      if (b - a < MIN_HOLE_MS) continue;
      if (gaps.some((g) => g.fromMs < b && g.toMs > a)) continue;
      gaps.push({
        fromMs: a,
        toMs: b,
        cause: 'unrecorded',
        message: 'no recording and no cause known',
        open: false,
      });
    }
    gaps.sort((x, y) => x.fromMs - y.fromMs);
    const holds = holdRows
      .filter((h) => h.camera_id === cameraId)
      .map((h) => ({
        id: h.id,
        fromMs: Math.max(h.from_ms, fromMs),
        toMs: Math.min(h.to_ms, toMs),
        authority: h.authority,
        reference: h.reference,
      }));
    return { cameraId, spans: clipSpans(list, fromMs, toMs), gaps, holds };
  });
}
