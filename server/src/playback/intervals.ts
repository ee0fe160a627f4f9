/**
 * Interval arithmetic on sorted, merged lists of half-open `[startMs, endMs)` ranges, as the
 * timeline needs it: merging with a tolerance, clipping to a window, and the holes between.
 */

/** A half-open range of wall time, UTC ms. */
export type Span = [startMs: number, endMs: number];

/** Adds `s` to a sorted, merged list, joining ranges closer than `toleranceMs`. In place. */
export function addSpan(list: Span[], s: Span, toleranceMs: number): void {
  if (s[1] <= s[0]) return;
  // Fast path: appending in time order (the usual case).
  const last = list[list.length - 1];
  if (!last || s[0] > last[1] + toleranceMs) {
    if (!last || s[0] >= last[0]) {
      list.push([s[0], s[1]]);
      return;
    }
  } else if (s[0] >= last[0]) {
    last[1] = Math.max(last[1], s[1]);
    return;
  }
  // General case: insert and re-merge.
  list.push([s[0], s[1]]);
  list.sort((a, b) => a[0] - b[0]);
  const merged: Span[] = [];
  for (const x of list) {
    const m = merged[merged.length - 1];
    if (m && x[0] <= m[1] + toleranceMs) m[1] = Math.max(m[1], x[1]);
    else merged.push([x[0], x[1]]);
  }
  list.length = 0;
  list.push(...merged);
}

/** The part of a sorted list inside `[fromMs, toMs)`. */
export function clipSpans(list: readonly Span[], fromMs: number, toMs: number): Span[] {
  const out: Span[] = [];
  // Binary search for the first span ending after fromMs.
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid]?.[1] ?? 0) <= fromMs) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < list.length; i++) {
    const s = list[i];
    if (!s || s[0] >= toMs) break;
    out.push([Math.max(s[0], fromMs), Math.min(s[1], toMs)]);
  }
  return out;
}

/** The holes between consecutive spans of a sorted list. */
export function holesBetween(list: readonly Span[]): Span[] {
  const out: Span[] = [];
  for (let i = 1; i < list.length; i++) {
    const a = list[i - 1];
    const b = list[i];
    if (a && b && b[0] > a[1]) out.push([a[1], b[0]]);
  }
  return out;
}
