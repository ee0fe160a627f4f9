/**
 * The pure arithmetic of the timeline bar: zoom levels from 7 days to 1 minute, the visible
 * window around the playhead, positions as fractions of the bar, tick marks at round times, and
 * where playback continues after a gap.
 */
import type { Span } from './playback-api.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/** The zoom levels, widest first: the width of the visible window. */
export const ZOOM_LEVELS: readonly number[] = [7 * DAY, DAY, 6 * HOUR, HOUR, 10 * MIN, MIN];

/** A visible window `[fromMs, toMs)`. */
export interface TimeWindow {
  fromMs: number;
  toMs: number;
}

/** The window of width `widthMs` centred on `centerMs`, kept inside `[minMs, maxMs]`. */
export function windowAround(
  centerMs: number,
  widthMs: number,
  minMs: number,
  maxMs: number,
): TimeWindow {
  const w = Math.min(widthMs, Math.max(1, maxMs - minMs));
  let from = centerMs - w / 2;
  from = Math.max(minMs, Math.min(from, maxMs - w));
  return { fromMs: Math.round(from), toMs: Math.round(from + w) };
}

/** The position of `ms` in the window, 0..1 (clamped). */
export function fractionOf(ms: number, w: TimeWindow): number {
  return Math.min(1, Math.max(0, (ms - w.fromMs) / (w.toMs - w.fromMs)));
}

/** The time at fraction `f` of the window. */
export function timeAt(f: number, w: TimeWindow): number {
  return Math.round(w.fromMs + f * (w.toMs - w.fromMs));
}

/** The spans (or gaps) visible in the window, clipped, as [left, width] fractions. */
export function visibleParts(
  list: readonly { from: number; to: number }[] | readonly Span[],
  w: TimeWindow,
): [number, number][] {
  const out: [number, number][] = [];
  for (const x of list) {
    const from = Array.isArray(x) ? x[0] : (x as { from: number }).from;
    const to = Array.isArray(x) ? x[1] : (x as { to: number }).to;
    if (to <= w.fromMs || from >= w.toMs) continue;
    const left = fractionOf(from, w);
    out.push([left, Math.max(fractionOf(to, w) - left, 0.001)]);
  }
  return out;
}

const STEPS = [
  1000,
  5000,
  10_000,
  30_000,
  MIN,
  5 * MIN,
  10 * MIN,
  30 * MIN,
  HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  DAY,
];

/** Tick marks at round times (local offset `offsetMs` east of UTC), about `count` of them. */
export function ticks(w: TimeWindow, count = 8, offsetMs = 0): number[] {
  const width = w.toMs - w.fromMs;
  const step = STEPS.find((s) => width / s <= count) ?? DAY;
  const out: number[] = [];
  const first = Math.ceil((w.fromMs + offsetMs) / step) * step - offsetMs;
  for (let t = first; t < w.toMs; t += step) out.push(t);
  return out;
}

/** The start of the first span at or after `ms` (where playback goes on after a gap). */
export function nextRecorded(spans: readonly Span[], ms: number): number | undefined {
  for (const [a, b] of spans) {
    if (b > ms) return Math.max(a, ms);
  }
  return undefined;
}

/** The start of the last span boundary before `ms` (to jump back across a gap). */
export function previousRecordedStart(spans: readonly Span[], ms: number): number | undefined {
  let found: number | undefined;
  for (const [a] of spans) {
    if (a < ms - 1000) found = a;
  }
  return found;
}

/**
 * The centre that keeps `playheadMs` at the same place on the bar when the window's width changes
 * from `view` to `widthMs` (zooming around the playhead; a playhead outside the view is centred).
 */
export function zoomAround(playheadMs: number, view: TimeWindow, widthMs: number): number {
  const width = view.toMs - view.fromMs;
  if (width <= 0 || playheadMs < view.fromMs || playheadMs > view.toMs) return playheadMs;
  const f = (playheadMs - view.fromMs) / width;
  return playheadMs - f * widthMs + widthMs / 2;
}

/** The latest recorded instant of any of the span lists, and the start of the span it ends. */
export function latestRecorded(
  lists: readonly (readonly Span[])[],
): { startMs: number; endMs: number } | undefined {
  let best: { startMs: number; endMs: number } | undefined;
  for (const spans of lists) {
    const last = spans[spans.length - 1];
    if (last && (!best || last[1] > best.endMs)) best = { startMs: last[0], endMs: last[1] };
  }
  return best;
}

/**
 * Where the page starts playing when it opens: `leadMs` before the most recent recorded
 * instant of the cameras (not before the start of that span), so the operator sees the latest
 * footage moving at once.
 */
export function openingInstant(
  lists: readonly (readonly Span[])[],
  leadMs = 15_000,
): number | undefined {
  const l = latestRecorded(lists);
  return l ? Math.max(l.startMs, l.endMs - leadMs) : undefined;
}

/** The first and last recorded instants inside the window (Home and End), if any. */
export function recordedRangeIn(
  spans: readonly Span[],
  w: TimeWindow,
): { firstMs: number; lastMs: number } | undefined {
  let first: number | undefined;
  let last: number | undefined;
  for (const [a, b] of spans) {
    if (b <= w.fromMs || a >= w.toMs) continue;
    first ??= Math.max(a, w.fromMs);
    last = Math.min(b, w.toMs);
  }
  return first === undefined || last === undefined ? undefined : { firstMs: first, lastMs: last };
}

/** True when `ms` lies in a recorded span. */
export function isRecorded(spans: readonly Span[], ms: number): boolean {
  return spans.some(([a, b]) => a <= ms && ms < b);
}

/** Hover thumbnails are asked for instants on this step, so nearby hovers share the cache. */
export const THUMBNAIL_STEP_MS = 2_000;

/** The instant a hover thumbnail is asked for: `ms` rounded to `THUMBNAIL_STEP_MS`. */
export function thumbnailInstant(ms: number): number {
  return Math.round(ms / THUMBNAIL_STEP_MS) * THUMBNAIL_STEP_MS;
}
