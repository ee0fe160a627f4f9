/**
 * When a camera says an event started, whether that is a new interval or the continuation of the
 * last one (pure). A chattering detector must not flood the database: an activation within
 * `MERGE_GAP_MS` of the end of the previous interval of the same event reopens that interval
 * (one more trigger); and once `MAX_STARTS_PER_MINUTE` intervals of a camera and kind started in
 * the last minute, every further activation in that minute extends the latest interval instead of
 * opening a new one. So a camera makes at most that many intervals of a kind per minute.
 */

/** Activations this close (ms) to the end of the previous interval continue it. */
export const MERGE_GAP_MS = 2_000;
/** Most new intervals of one camera and kind started in any minute. */
export const MAX_STARTS_PER_MINUTE = 12;
const MINUTE_MS = 60_000;

/** The latest interval of one event (camera, kind and source), as the recorder holds it. */
export interface LatestInterval {
  readonly startedMs: number;
  /** Null while the state holds. */
  readonly endedMs: number | null;
}

/** What to do with an activation at `atMs`. */
export type StartDecision =
  /** The state already holds: the camera said it again (e.g. a subscription's `Initialized`). */
  | 'still-active'
  /** Reopen the latest interval: a re-trigger within the gap, or over the per-minute bound. */
  | 'merge'
  /** Open a new interval. */
  | 'new';

/**
 * The decision for an activation at `atMs`, given the latest interval of the same event (if any)
 * and the start times of the intervals of the camera and kind opened so far (`recentStarts`).
 */
export function decideStart(
  latest: LatestInterval | undefined,
  recentStarts: readonly number[],
  atMs: number,
): StartDecision {
  if (latest === undefined) return 'new';
  if (latest.endedMs === null) return 'still-active';
  if (atMs - latest.endedMs <= MERGE_GAP_MS) return 'merge';
  const inLastMinute = recentStarts.filter((s) => s > atMs - MINUTE_MS).length;
  return inLastMinute >= MAX_STARTS_PER_MINUTE ? 'merge' : 'new';
}

/** `recentStarts` without those older than a minute before `atMs`, and `atMs` added. */
export function rememberStart(recentStarts: readonly number[], atMs: number): number[] {
  return [...recentStarts.filter((s) => s > atMs - MINUTE_MS), atMs];
}
