/**
 * What a live player can be doing, as the tile shows it. Never "playing" unless frames are
 * arriving: a stream that stops sending shows `stalled` or `offline`, not its last picture.
 */

/** The state of one live player. */
export type PlayerState =
  /** Asking for a token, signalling, or waiting for the first frame. */
  | { kind: 'connecting' }
  /** Connected; the camera is not delivering video yet. */
  | { kind: 'waiting' }
  /** Frames are being presented. */
  | { kind: 'playing' }
  /** Connected, but no frame for a while (the camera or the network stalled). */
  | { kind: 'stalled' }
  /** The server says the camera stopped delivering video. */
  | { kind: 'offline'; cause: string }
  /** The user may not watch this camera (token refused, or permission revoked). */
  | { kind: 'denied' }
  /** The session ended: sign in again. */
  | { kind: 'signed-out' }
  /** The browser cannot decode this stream's codec. */
  | { kind: 'unsupported'; codec: string }
  /** The connection failed; it is retried. */
  | { kind: 'error'; message: string };

/** The kinds of `PlayerState`. */
export type PlayerStateKind = PlayerState['kind'];

/** How a stream reaches the page. */
export type LiveTransportKind = 'webrtc' | 'mse';

/** A presented frame's capture time (the camera's wall clock), when the transport tells it. */
export interface FrameTiming {
  /** UTC ms at which the camera took the frame. */
  captureWallMs: number;
  /** UTC ms at which the page presented it. */
  presentedWallMs: number;
}

/** Callbacks of a player. */
export interface PlayerEvents {
  onState(state: PlayerState): void;
}

/** Unwraps a 90 kHz RTP timestamp carrying a wall clock to UTC ms, near `nowMs`. */
export function rtpToWallMs(rtpTimestamp: number, nowMs: number): number {
  const period = 2 ** 32 / 90;
  const base = (rtpTimestamp >>> 0) / 90;
  const k = Math.round((nowMs - base) / period);
  return base + k * period;
}
