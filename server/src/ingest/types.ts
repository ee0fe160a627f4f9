/**
 * What ingest hands to everything downstream (recorder, live viewers, still images): timed access
 * units and stream lifecycle events, delivered through one hub per camera stream.
 */
import type { AccessUnit, CodecParams } from '../media/index.ts';

/** Which of a camera's streams. */
export type StreamKind = 'main' | 'sub';

/** Why a stream stopped delivering video; becomes the cause of a recorded gap. */
export type GapCause = 'offline' | 'stall' | 'loss' | 'restart' | 'disk' | 'error';

/** What the stream's video looks like, from its SPS. */
export interface StreamInfo {
  params: CodecParams;
  width: number;
  height: number;
  /** RFC 6381 codec string for MSE, e.g. "avc1.640028" or "hvc1.1.6.L120.90". */
  codecString: string;
}

/** An access unit with its times. */
export interface TimedAccessUnit extends AccessUnit {
  /**
   * Stream time: the RTP timestamp extended past 32-bit wraparound, 90 kHz, relative to the
   * first frame after the latest `started` (which is 0). A jump of the camera's timestamps is
   * re-anchored, so stream time stays continuous. A subscriber that joins late sees its first
   * frame at whatever pts90k the stream has reached.
   */
  pts90k: number;
  /** Wall time of the frame, UTC ms: from the camera's RTCP sender reports, else arrival time. */
  wallMs: number;
}

/** Events of one camera stream, in order. */
export type StreamEvent =
  /**
   * Video flows: a connection delivers its first key frame, or video resumes at a key frame after
   * a loss within the connection. A new stream-time line begins (pts90k restarts at 0); the next
   * event is a key frame.
   */
  | { type: 'started'; info: StreamInfo; atMs: number }
  /** The codec parameters or resolution changed mid-stream (at a key frame). */
  | { type: 'info-changed'; info: StreamInfo; atMs: number }
  | { type: 'frame'; frame: TimedAccessUnit }
  /**
   * Video stopped: the connection was lost ('offline'), stalled ('stall'), packets were lost or
   * damaged ('loss'), the camera sent what cannot be understood ('error'), or ingest stopped
   * pulling the stream ('restart'). One per gap; `atMs` is when video stopped, as best known.
   */
  | { type: 'stopped'; cause: GapCause; atMs: number; message: string };
