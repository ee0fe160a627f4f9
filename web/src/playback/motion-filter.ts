/**
 * The motion filter as data (pure): the motion intervals of the chosen cameras merged into one
 * list (an interval still open runs to now), the recorded spans that overlap them (what the bars
 * show brightly while "Motion only" is on), and the next or previous motion start from an instant
 * (what the buttons and the M / Shift+M keys seek to).
 */
import type { CameraTimeline, Span } from './playback-api.ts';

/** A motion start at or within this of the instant does not count as "next": the one after. */
export const MOTION_STEP_MS = 1_000;

/** The motion intervals of one camera's timeline, sorted and merged; open ones end at `nowMs`. */
export function motionIntervalsOf(tl: CameraTimeline | undefined, nowMs: number): Span[] {
  const list: Span[] = (tl?.events ?? [])
    .filter((e) => e.kind === 'motion')
    .map((e): Span => [e.from, Math.max(e.from, e.to ?? nowMs)]);
  return mergeSpans(list);
}

/** The motion intervals of every timeline, merged into one sorted list. */
export function motionIntervals(timelines: readonly CameraTimeline[], nowMs: number): Span[] {
  return mergeSpans(timelines.flatMap((tl) => motionIntervalsOf(tl, nowMs)));
}

/** Sorted, overlapping or touching spans joined. */
export function mergeSpans(spans: readonly Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: Span[] = [];
  for (const [from, to] of sorted) {
    const last = out[out.length - 1];
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else out.push([from, to]);
  }
  return out;
}

/**
 * The parts of the recorded `spans` that overlap `motion` (both sorted): a motion interval of an
 * instant (start = end) keeps a part of one millisecond so that it still shows.
 */
export function recordedWithMotion(spans: readonly Span[], motion: readonly Span[]): Span[] {
  const out: Span[] = [];
  let j = 0;
  for (const [sFrom, sTo] of spans) {
    while (j < motion.length && (motion[j]?.[1] ?? 0) < sFrom) j++;
    for (let k = j; k < motion.length; k++) {
      const m = motion[k];
      if (!m || m[0] >= sTo) break;
      const from = Math.max(sFrom, m[0]);
      const to = Math.min(sTo, Math.max(m[1], m[0] + 1));
      if (to > from) out.push([from, to]);
    }
  }
  return out;
}

/** The first motion start after `atMs` (by more than `MOTION_STEP_MS`), or null. */
export function nextMotion(motion: readonly Span[], atMs: number): number | null {
  return motion.find(([from]) => from > atMs + MOTION_STEP_MS)?.[0] ?? null;
}

/**
 * The motion start before `atMs` (by more than `MOTION_STEP_MS`, so that pressing again from a
 * start goes to the one before), or null.
 */
export function previousMotion(motion: readonly Span[], atMs: number): number | null {
  for (let i = motion.length - 1; i >= 0; i--) {
    const from = motion[i]?.[0];
    if (from !== undefined && from < atMs - MOTION_STEP_MS) return from;
  }
  return null;
}
