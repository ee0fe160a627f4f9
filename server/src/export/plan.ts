/**
 * Which recorded fragments an export of `[fromMs, toMs)` copies: from the fragment that starts
 * with the last key frame at or before `fromMs` (so the first exported frame can be decoded; when
 * nothing was recorded at `fromMs`, the first key frame in the range) to the last fragment that
 * starts before `toMs`, across segment boundaries, in time order. Pure.
 */
import type { IndexedSegment, FragmentEntry } from '../recording/index.ts';

/** A fragment chosen for export. */
export interface PlannedFragment {
  /** Index into the segments given to `planFragments`. */
  segment: number;
  /** Index of the fragment in its segment's fragment table. */
  index: number;
  entry: FragmentEntry;
  /** Wall time of its first frame, UTC ms (fractional). */
  startMs: number;
}

/** The fragments covering `[fromMs, toMs)`; segments must be in time order. */
export function planFragments(
  segments: readonly IndexedSegment[],
  fromMs: number,
  toMs: number,
): PlannedFragment[] {
  const all: PlannedFragment[] = [];
  segments.forEach((s, segment) => {
    s.fragments.forEach((entry, index) => {
      all.push({ segment, index, entry, startMs: s.row.start_ms + entry.decodeTime90k / 90 });
    });
  });
  all.sort((a, b) => a.startMs - b.startMs || a.segment - b.segment || a.index - b.index);
  // The fragment holding `fromMs`, if recording was going on then; back to its key frame.
  let first = -1;
  const holding = all.findIndex(
    (f) => f.startMs <= fromMs && f.startMs + f.entry.duration90k / 90 > fromMs,
  );
  if (holding >= 0) {
    for (let i = holding; i >= 0; i--) {
      if (all[i]?.entry.startsWithKey) {
        first = i;
        break;
      }
    }
  }
  // Otherwise (a gap at the start): the first key frame inside the range.
  if (first < 0) {
    first = all.findIndex((f) => f.entry.startsWithKey && f.startMs >= fromMs && f.startMs < toMs);
  }
  if (first < 0) return [];
  const out: PlannedFragment[] = [];
  for (let i = first; i < all.length; i++) {
    const f = all[i];
    if (!f || f.startMs >= toMs) break;
    out.push(f);
  }
  return out;
}
