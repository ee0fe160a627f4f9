/**
 * Pacing of disk checks by the measured write rate. A fixed check interval is too slow for a
 * volume that fills fast (four cameras, or another process writing): `WriteRate` keeps the last
 * few measurements (monotonic time, free bytes) and `planCheck` decides, from the rate at which
 * free space shrinks, whether to delete now — the stop mark would be reached before the next
 * regular check — and when to measure again. Pure: time and space are passed in.
 */

/** One measurement of the volume. */
export interface SpaceSample {
  /** Monotonic time of the measurement, ms. */
  atMs: number;
  freeBytes: number;
}

/** The last measurements, for the rate at which free space shrinks. */
export class WriteRate {
  private readonly samples: SpaceSample[] = [];

  /** @param keep how many measurements the rate spans (default 6). */
  constructor(private readonly keep = 6) {}

  /** Adds a measurement (ignored when not later than the previous one). */
  add(sample: SpaceSample): void {
    const last = this.samples[this.samples.length - 1];
    if (last && sample.atMs <= last.atMs) return;
    this.samples.push(sample);
    if (this.samples.length > this.keep) this.samples.shift();
  }

  /**
   * Bytes per second by which free space shrank between the oldest and the newest kept
   * measurement; 0 when it grew or stayed, or with fewer than two measurements.
   */
  bytesPerSecond(): number {
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    if (!first || !last || last.atMs <= first.atMs) return 0;
    const shrunk = first.freeBytes - last.freeBytes;
    return shrunk > 0 ? (shrunk * 1000) / (last.atMs - first.atMs) : 0;
  }
}

/** What `planCheck` needs. */
export interface PacingInput {
  freeBytes: number;
  /** Free bytes below which deletion starts anyway. */
  lowWaterBytes: number;
  /** Free bytes below which the volume counts as full (recording stops). */
  stopBytes: number;
  /** Bytes per second by which free space shrinks (`WriteRate.bytesPerSecond`). */
  rateBytesPerSecond: number;
  /** The regular check interval, ms. */
  intervalMs: number;
  /** The shortest wait between two checks, ms (default 1000). */
  minIntervalMs?: number;
}

/** What to do now and when to look again. */
export interface PacingPlan {
  /** Delete now, although the low-water mark is not reached: the volume fills too fast. */
  deleteNow: boolean;
  /** Wait before the next check, ms (at most the regular interval). */
  nextCheckInMs: number;
  /** Seconds until the stop mark at the current rate; Infinity when space is not shrinking. */
  secondsToStop: number;
}

/**
 * Decides from the write rate: when the stop mark would be reached within one interval, delete
 * now; when the low-water mark would be reached within one interval, check again just then (and
 * never sooner than `minIntervalMs`).
 */
export function planCheck(p: PacingInput): PacingPlan {
  const minMs = p.minIntervalMs ?? 1000;
  const rate = p.rateBytesPerSecond;
  if (rate <= 0) return { deleteNow: false, nextCheckInMs: p.intervalMs, secondsToStop: Infinity };
  const secondsToStop = Math.max(0, p.freeBytes - p.stopBytes) / rate;
  const msToLow = (Math.max(0, p.freeBytes - p.lowWaterBytes) * 1000) / rate;
  const deleteNow = secondsToStop * 1000 < p.intervalMs;
  const nextCheckInMs = Math.max(minMs, Math.min(p.intervalMs, deleteNow ? minMs : msToLow));
  return { deleteNow, nextCheckInMs: Math.round(nextCheckInMs), secondsToStop };
}
