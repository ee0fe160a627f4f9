/**
 * How recorded frames are placed on the exported movie's time line — one rule, shared by the
 * exporter and the verifier so that both compute the same numbers. A frame's wall time is its
 * segment's signed start plus its decode time in the segment (90 kHz, from the signed `moof`);
 * the movie time of frame i is its wall time minus the first frame's, kept strictly increasing
 * (a frame that the recorder's clock put at or before its predecessor goes one tick after it).
 * Each frame lasts until the next one starts, so a hole in the recording shows as the last frame
 * before it held on screen; the last frame keeps its recorded duration.
 */

/** Movie decode times (90 kHz from the first frame) for frames at `wall90k` (90 kHz wall times). */
export function movieTimes(wall90k: readonly number[]): number[] {
  const out: number[] = [];
  const first = wall90k[0] ?? 0;
  let prev = -1;
  for (const w of wall90k) {
    const t = Math.max(Math.round(w - first), prev + 1);
    out.push(t);
    prev = t;
  }
  return out;
}

/** Durations of frames at `times` (movie ticks); the last keeps `lastDuration`. */
export function movieDurations(times: readonly number[], lastDuration: number): number[] {
  return times.map((t, i) => {
    const next = times[i + 1];
    return next === undefined ? Math.max(1, lastDuration) : next - t;
  });
}

/** A frame's wall time in 90 kHz ticks since the epoch. */
export function wall90kOf(segmentStartMs: number, decodeTime90k: number): number {
  return segmentStartMs * 90 + decodeTime90k;
}

/** A hole longer than this between two frames (beyond the first one's duration) is a gap. */
export const GAP_TOLERANCE_90K = 90 * 1000;
