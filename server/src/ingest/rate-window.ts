/**
 * Bitrate and frame rate over a sliding window, in fixed one-second buckets so that recording a
 * frame is O(1) and memory is constant whatever the frame rate.
 */

const BUCKET_MS = 1000;

/** Counts frames and bytes per second over the last `windowSeconds` seconds. */
export class RateWindow {
  private readonly frames: Float64Array;
  private readonly bytes: Float64Array;
  private readonly stamp: Float64Array;

  constructor(private readonly windowSeconds = 5) {
    this.frames = new Float64Array(windowSeconds);
    this.bytes = new Float64Array(windowSeconds);
    this.stamp = new Float64Array(windowSeconds).fill(-1);
  }

  /** Records one frame of `bytes` bytes at monotonic time `nowMs`. */
  add(nowMs: number, bytes: number): void {
    const second = Math.floor(nowMs / BUCKET_MS);
    const i = second % this.windowSeconds;
    if (this.stamp[i] !== second) {
      this.stamp[i] = second;
      this.frames[i] = 0;
      this.bytes[i] = 0;
    }
    this.frames[i] = (this.frames[i] ?? 0) + 1;
    this.bytes[i] = (this.bytes[i] ?? 0) + bytes;
  }

  /**
   * Frames per second and bits per second over the complete seconds of the window that ends at
   * `nowMs` (the current, partial second is left out so that rates do not dip every second).
   */
  rates(nowMs: number): { fps: number; bitrateBps: number } {
    const current = Math.floor(nowMs / BUCKET_MS);
    let frames = 0;
    let bytes = 0;
    for (let i = 0; i < this.windowSeconds; i++) {
      const s = this.stamp[i] ?? -1;
      if (s < current && s >= current - (this.windowSeconds - 1)) {
        frames += this.frames[i] ?? 0;
        bytes += this.bytes[i] ?? 0;
      }
    }
    const seconds = this.windowSeconds - 1;
    return { fps: frames / seconds, bitrateBps: (bytes * 8) / seconds };
  }

  /** Forgets everything (a new connection). */
  reset(): void {
    this.stamp.fill(-1);
  }
}
