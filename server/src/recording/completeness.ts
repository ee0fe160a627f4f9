/**
 * Completeness: recorded time against expected time for a camera stream over a window.
 *
 * - Expected time: the part of the window (up to now) covered by the stream's recording periods,
 *   i.e. while the camera was enabled and configured to be recorded. Time when the recorder was
 *   down, the camera offline or the disk full is expected: that is exactly what must show.
 * - Recorded time: the part of the expected time covered by segments (complete, or still being
 *   written up to what is on disk).
 * - Ratio: recorded / expected, null when nothing was expected.
 */
import type { RecordingDb } from './tables.ts';
import { periodsInRange, segmentsInRange, type StreamRef } from './segment-store.ts';

/** A half-open time range `[startMs, endMs)`. */
export interface Interval {
  startMs: number;
  endMs: number;
}

/** Completeness over one window. */
export interface Completeness {
  fromMs: number;
  toMs: number;
  expectedSeconds: number;
  recordedSeconds: number;
  /** recorded / expected in [0, 1]; null when nothing was expected. */
  ratio: number | null;
}

/** Sorted, merged, non-empty intervals clipped to `[fromMs, toMs)`. */
export function normalize(
  intervals: readonly Interval[],
  fromMs: number,
  toMs: number,
): Interval[] {
  const clipped = intervals
    .map((i) => ({ startMs: Math.max(i.startMs, fromMs), endMs: Math.min(i.endMs, toMs) }))
    .filter((i) => i.endMs > i.startMs)
    .sort((a, b) => a.startMs - b.startMs);
  const out: Interval[] = [];
  for (const i of clipped) {
    const last = out[out.length - 1];
    if (last && i.startMs <= last.endMs) last.endMs = Math.max(last.endMs, i.endMs);
    else out.push({ ...i });
  }
  return out;
}

/** The intersection of two normalized interval lists. */
export function intersect(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i];
    const y = b[j];
    if (!x || !y) break;
    const s = Math.max(x.startMs, y.startMs);
    const e = Math.min(x.endMs, y.endMs);
    if (e > s) out.push({ startMs: s, endMs: e });
    if (x.endMs < y.endMs) i++;
    else j++;
  }
  return out;
}

/** Total length of normalized intervals, ms. */
export function measureMs(intervals: readonly Interval[]): number {
  return intervals.reduce((n, i) => n + (i.endMs - i.startMs), 0);
}

/** Completeness of `recorded` against `expected` over `[fromMs, toMs)` (pure). */
export function coverage(
  expected: readonly Interval[],
  recorded: readonly Interval[],
  fromMs: number,
  toMs: number,
): Completeness {
  const exp = normalize(expected, fromMs, toMs);
  const rec = intersect(normalize(recorded, fromMs, toMs), exp);
  const expectedMs = measureMs(exp);
  const recordedMs = measureMs(rec);
  return {
    fromMs,
    toMs,
    expectedSeconds: Math.round(expectedMs / 10) / 100,
    recordedSeconds: Math.round(recordedMs / 10) / 100,
    ratio: expectedMs === 0 ? null : Math.round((recordedMs / expectedMs) * 10_000) / 10_000,
  };
}

/** The growing segment of a stream, fresher than its row. */
export interface LiveSegment {
  rowId: number;
  endMs: number;
}

/** Completeness of a camera stream over `[fromMs, min(toMs, nowMs))`, from the index. */
export async function completenessOf(
  db: RecordingDb,
  ref: StreamRef,
  fromMs: number,
  toMs: number,
  nowMs: number,
  live?: LiveSegment,
): Promise<Completeness> {
  const until = Math.min(toMs, nowMs);
  if (until <= fromMs) return coverage([], [], fromMs, Math.max(fromMs, until));
  const periods = await periodsInRange(db, ref, fromMs, until);
  const segments = await segmentsInRange(db, ref, fromMs, until + 1);
  const expected = periods.map((p) => ({ startMs: p.start_ms, endMs: p.end_ms ?? until }));
  const recorded = segments.map((s) => ({
    startMs: s.start_ms,
    endMs: live && s.id === live.rowId ? Math.max(s.end_ms, live.endMs) : s.end_ms,
  }));
  return coverage(expected, recorded, fromMs, until);
}
