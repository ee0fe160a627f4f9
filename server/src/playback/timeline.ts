/**
 * The timeline of cameras over a window: recorded spans (merged, from the in-memory span index),
 * gaps with their causes (the recorder's gap rows, plus any hole between spans that no gap row
 * explains, as `unrecorded`), and the legal holds in force that cover the window.
 */
import type { Db } from '../db/database.ts';
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

/** Holes shorter than this between spans are not reported as gaps. */
const MIN_HOLE_MS = 1000;

/** The timelines of `cameraIds` over `[fromMs, toMs)`, at wall time `nowMs`. */
export async function timelines(
  db: Db,
  index: TimelineIndex,
  cameraIds: readonly string[],
  fromMs: number,
  toMs: number,
  nowMs: number,
): Promise<CameraTimeline[]> {
  if (cameraIds.length === 0) return [];
  const spans = await index.spans(cameraIds, fromMs, toMs);
  const gapRows = await db
    .selectFrom('gaps')
    .select(['camera_id', 'start_ms', 'end_ms', 'cause', 'message'])
    .where('camera_id', 'in', [...cameraIds])
    .where('stream', '=', 'main')
    .where('start_ms', '<', toMs)
    .where((eb) => eb.or([eb('end_ms', 'is', null), eb('end_ms', '>', fromMs)]))
    .orderBy('start_ms')
    .execute();
  const holdRows = await db
    .selectFrom('legal_holds')
    .innerJoin('legal_hold_cameras', 'legal_hold_cameras.hold_id', 'legal_holds.id')
    .select([
      'legal_hold_cameras.camera_id as camera_id',
      'legal_holds.id as id',
      'legal_holds.from_ms as from_ms',
      'legal_holds.to_ms as to_ms',
      'legal_holds.authority as authority',
      'legal_holds.reference as reference',
    ])
    .where('legal_hold_cameras.camera_id', 'in', [...cameraIds])
    .where('legal_holds.released_ms', 'is', null)
    .where((eb) =>
      eb.or([eb('legal_holds.expires_ms', 'is', null), eb('legal_holds.expires_ms', '>', nowMs)]),
    )
    .where('legal_holds.from_ms', '<', toMs)
    .where('legal_holds.to_ms', '>', fromMs)
    .execute();
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
