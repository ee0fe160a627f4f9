/**
 * The time a live tile shows: the camera's own wall clock, read from the frames being presented
 * (the capture time the transport carries: RTP timestamps over WebRTC, the server's clock
 * messages over MSE), or, when no frame told it lately, the browser's clock. Either way the tile
 * writes it in the site's time zone. Pure.
 */
import type { FrameTiming } from './player-state.ts';

/** How long a frame's capture time stands for the camera's clock, ms. */
export const CAMERA_CLOCK_FRESH_MS = 2000;

/** The last frame that told its capture time, and when (browser clock) it was presented. */
export interface LastCapture {
  captureWallMs: number;
  presentedWallMs: number;
}

/** What the tile's clock says, and where the time comes from. */
export interface ClockReading {
  /** UTC ms. */
  ms: number;
  /** `camera`: the camera's clock, from the stream; `browser`: this computer's clock. */
  source: 'camera' | 'browser';
}

/** The last capture time of `timing`, as kept between clock ticks. */
export function lastCaptureOf(timing: FrameTiming): LastCapture {
  return { captureWallMs: timing.captureWallMs, presentedWallMs: timing.presentedWallMs };
}

/**
 * The reading at `nowMs` (browser clock): the camera's clock carried forward from the last frame
 * while that frame is recent, the browser's clock otherwise.
 */
export function clockReading(last: LastCapture | undefined, nowMs: number): ClockReading {
  if (last !== undefined) {
    const since = nowMs - last.presentedWallMs;
    if (since >= 0 && since <= CAMERA_CLOCK_FRESH_MS) {
      return { ms: last.captureWallMs + since, source: 'camera' };
    }
  }
  return { ms: nowMs, source: 'browser' };
}
