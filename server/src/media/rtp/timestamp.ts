/**
 * Extension of 32-bit RTP timestamps to a monotonic-across-wraparound number (RFC 3550 timestamps
 * wrap every 13.25 hours at 90 kHz). Stays exact: JavaScript numbers hold integers to 2^53.
 */

/** Signed difference `a - b` of two 32-bit timestamps, in -2^31 .. 2^31-1. */
export function timestampDelta(a: number, b: number): number {
  return ((a >>> 0) - (b >>> 0)) | 0;
}

/**
 * Turns 32-bit RTP timestamps into extended ones. Each value is placed within ±2^31 of the
 * previous one, so wraparound forwards and small steps backwards (reordering) both come out right.
 */
export class RtpTimestampExtender {
  private last: number | undefined;
  private lastExtended = 0;

  /** The extended value of a 32-bit timestamp; the first one maps to itself. */
  extend(timestamp: number): number {
    const ts = timestamp >>> 0;
    if (this.last === undefined) {
      this.last = ts;
      this.lastExtended = ts;
      return ts;
    }
    this.lastExtended += timestampDelta(ts, this.last);
    this.last = ts;
    return this.lastExtended;
  }

  /** Forgets the history (e.g. after a stream restart); the next value maps to itself. */
  reset(): void {
    this.last = undefined;
    this.lastExtended = 0;
  }
}
