/**
 * Why a stream probe failed, in one word an administrator can act on: the camera cannot be
 * reached, refused the credentials, has no such stream, sends no video, or sends a codec Vedetta
 * does not record. Read from the `IngestError` the RTSP client raised (its messages are this
 * module's own) and from how far the probe got.
 */
import type { IngestError } from './errors.ts';

/** The causes a failed probe names. */
export const PROBE_FAILURES = [
  'unreachable',
  'authentication',
  'not_found',
  'no_video',
  'codec_unsupported',
  'protocol',
] as const;

/** One cause of a failed probe. */
export type ProbeFailure = (typeof PROBE_FAILURES)[number];

/** How far a probe got: still opening the session, or playing and waiting for a key frame. */
export type ProbePhase = 'opening' | 'playing';

/** The cause of a probe's failure, from the error and the phase it happened in. */
export function probeFailureOf(error: IngestError, phase: ProbePhase): ProbeFailure {
  const m = error.message;
  if (/authenticat|\b401\b|credentials/i.test(m)) return 'authentication';
  if (/unsupported video codec/.test(m)) return 'codec_unsupported';
  if (/offers no H\.264 or H\.265 video/.test(m)) {
    return /\(found: no video\)/.test(m) ? 'no_video' : 'codec_unsupported';
  }
  if (/answered 404\b/.test(m)) return 'not_found';
  if (phase === 'playing') return error.gapCause === 'error' ? 'protocol' : 'no_video';
  if (error.gapCause === 'offline') return 'unreachable';
  return 'protocol';
}
