/**
 * Pure time-range arithmetic for legal holds: ranges are half-open `[fromMs, toMs)` in UTC ms.
 * A segment is held when any hold range of its camera overlaps it, even by one millisecond: the
 * whole file is kept, since a file is the smallest unit the recorder signs and deletes.
 */

/** A half-open time range, UTC ms. */
export interface TimeRange {
  fromMs: number;
  toMs: number;
}

/** A held range of one camera and the holds behind it. */
export interface HeldRange extends TimeRange {
  holdIds: string[];
}

/** True when `[a.fromMs, a.toMs)` and `[b.fromMs, b.toMs)` share at least one instant. */
export function overlaps(a: TimeRange, b: TimeRange): boolean {
  return a.fromMs < b.toMs && b.fromMs < a.toMs;
}

/** True when any of `ranges` overlaps `r`. */
export function overlapsAny(r: TimeRange, ranges: readonly TimeRange[]): boolean {
  return ranges.some((h) => overlaps(r, h));
}

/** Merges overlapping or touching ranges, sorted by start; hold ids are united. */
export function mergeHeld(ranges: readonly HeldRange[]): HeldRange[] {
  const sorted = [...ranges].sort((a, b) => a.fromMs - b.fromMs || a.toMs - b.toMs);
  const out: HeldRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.fromMs <= last.toMs) {
      last.toMs = Math.max(last.toMs, r.toMs);
      for (const id of r.holdIds) if (!last.holdIds.includes(id)) last.holdIds.push(id);
    } else {
      out.push({ fromMs: r.fromMs, toMs: r.toMs, holdIds: [...r.holdIds] });
    }
  }
  return out;
}

/** The parts of `ranges` inside `window`, dropping those outside it. */
export function clipHeld(ranges: readonly HeldRange[], window: TimeRange): HeldRange[] {
  return ranges
    .filter((r) => overlaps(r, window))
    .map((r) => ({
      fromMs: Math.max(r.fromMs, window.fromMs),
      toMs: Math.min(r.toMs, window.toMs),
      holdIds: r.holdIds,
    }));
}
