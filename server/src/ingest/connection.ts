/**
 * The seam between a supervisor and one connection to a camera: the supervisor asks a
 * `StreamOpener` for a connection, gets its events, reads its counters and closes it. The real
 * opener speaks RTSP (`rtsp-opener.ts`); the seam is what lets the supervisor's state machine be
 * tested on a FakeClock.
 */
import type { IngestError } from './errors.ts';
import type { WallSource } from './timeline.ts';
import type { StreamEvent } from './types.ts';

/** Counters one connection keeps while it lives. */
export interface ConnectionCounters {
  /** RTP packets received on the video channel. */
  packets: number;
  /** RTP packets missing, from sequence-number gaps. */
  packetsLost: number;
  /** Timestamp jumps re-anchored. */
  timestampJumps: number;
  /** Monotonic ms of the last video packet, undefined before the first. */
  lastMediaMonoMs: number | undefined;
  /** Wall ms of the last video packet, undefined before the first. */
  lastMediaWallMs: number | undefined;
  /** Where the connection's wall times come from. */
  wallSource: WallSource;
}

/** Counters of a connection that has received nothing yet. */
export function newConnectionCounters(): ConnectionCounters {
  return {
    packets: 0,
    packetsLost: 0,
    timestampJumps: 0,
    lastMediaMonoMs: undefined,
    lastMediaWallMs: undefined,
    wallSource: 'arrival',
  };
}

/** What a connection tells its supervisor. Must not throw. */
export interface ConnectionHandlers {
  /**
   * A stream event: `started` (first key frame, new stream-time line), `info-changed`, `frame`,
   * or `stopped` with cause 'loss' when packets were lost and frames are dropped until the next
   * key frame (then a new `started` follows on the same connection).
   */
  event(event: StreamEvent): void;
  /** The connection ended by itself (or through `fail`); called at most once. */
  closed(error: IngestError): void;
}

/** An open connection to a camera stream. */
export interface StreamConnection {
  readonly counters: ConnectionCounters;
  /** Ends the connection politely (TEARDOWN); `closed` is not called. */
  close(): Promise<void>;
  /** Ends the connection at once; `closed` is called with `error`. */
  fail(error: IngestError): void;
  /**
   * Batched reads on or off: with them on, frames may reach the handlers up to the batcher's
   * interval after they arrived, several at a time (see read-batcher.ts). Optional: a
   * connection without it always delivers at once.
   */
  setBatchedReads?(on: boolean): void;
}

/** Opens a connection; rejects with an IngestError when the camera cannot be played. */
export type StreamOpener = (handlers: ConnectionHandlers) => Promise<StreamConnection>;
