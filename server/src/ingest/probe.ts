/**
 * A stream probe: opens one camera stream with the same RTSP client ingest uses, waits for the
 * first key frame, measures the frame rate over about a second of stream time and closes. For
 * an administrator's "test connection" before a camera is saved. Bounded: whatever the camera
 * does (no answer, no video, a stream that never sends a key frame), the probe ends within
 * `timeoutMs` of the injected clock with a `ProbeError` naming the cause.
 */
import type { Clock, Logger } from '../app/index.ts';
import type { Credentials } from '../media/index.ts';
import type { StreamConnection } from './connection.ts';
import { IngestError } from './errors.ts';
import { probeFailureOf, type ProbeFailure, type ProbePhase } from './probe-failure.ts';
import { rtspOpener } from './rtsp-opener.ts';
import type { StreamInfo, TimedAccessUnit } from './types.ts';

/** What to probe. */
export interface ProbeOptions {
  /** `rtsp://host[:port]/path`, without credentials. */
  url: string;
  credentials?: Credentials;
  allowBasicOverPlainRtsp?: boolean;
  clock: Clock;
  logger: Logger;
  /** The whole probe's limit. Default 10 s. */
  timeoutMs?: number;
  /** Stream time over which the frame rate is measured. Default 1 s. */
  measureMs?: number;
}

/** What a successful probe found. */
export interface StreamProbe {
  info: StreamInfo;
  /** Frames per second measured over the first frames; null when too few came in time. */
  fps: number | null;
  /** The first key frame's NAL units (decodable alone with `info.params`). */
  keyFrame: readonly Uint8Array[];
}

/** A failed probe: the cause in one word and the client's own message. */
export class ProbeError extends Error {
  readonly reason: ProbeFailure;
  constructor(reason: ProbeFailure, message: string) {
    super(message);
    this.name = 'ProbeError';
    this.reason = reason;
  }
}

const DEFAULT_TIMEOUT_MS = 10_000;
const MAX_FRAMES = 300;

/** Frames per second from the stream times of consecutive frames; null with fewer than two. */
export function measuredFps(frames: readonly Pick<TimedAccessUnit, 'pts90k'>[]): number | null {
  const first = frames[0];
  const last = frames[frames.length - 1];
  if (first === undefined || last === undefined || frames.length < 2) return null;
  const span = last.pts90k - first.pts90k;
  if (span <= 0) return null;
  return Math.round(((frames.length - 1) * 90_000 * 100) / span) / 100;
}

/** Probes a stream; rejects with a `ProbeError`. Never waits longer than `timeoutMs`. */
export function probeStream(opts: ProbeOptions): Promise<StreamProbe> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const measure90k = ((opts.measureMs ?? 1000) * 90_000) / 1000;
  let phase: ProbePhase = 'opening';
  let info: StreamInfo | undefined;
  let frames: TimedAccessUnit[] = [];
  let connection: StreamConnection | undefined;
  let settled = false;

  return new Promise<StreamProbe>((resolve, reject) => {
    const finish = (outcome: StreamProbe | ProbeError) => {
      if (settled) return;
      settled = true;
      timer.cancel();
      void connection?.close().catch(() => undefined);
      if (outcome instanceof ProbeError) reject(outcome);
      else resolve(outcome);
    };
    const succeed = () => {
      const key = frames[0];
      if (info === undefined || key === undefined) return;
      finish({ info, fps: measuredFps(frames), keyFrame: key.nalus });
    };
    const fail = (error: IngestError) =>
      finish(new ProbeError(probeFailureOf(error, phase), error.message));
    const timer = opts.clock.setTimeout(() => {
      if (frames.length > 0) return succeed();
      const seconds = Math.round(timeoutMs / 100) / 10;
      const message =
        phase === 'opening'
          ? `the camera did not answer within ${seconds} s`
          : `no video key frame within ${seconds} s`;
      finish(new ProbeError(phase === 'opening' ? 'unreachable' : 'no_video', message));
    }, timeoutMs);

    const open = rtspOpener({
      url: opts.url,
      credentials: opts.credentials,
      allowBasicOverPlainRtsp: opts.allowBasicOverPlainRtsp,
      clock: opts.clock,
      logger: opts.logger,
      connectTimeoutMs: Math.min(5000, timeoutMs),
      requestTimeoutMs: Math.min(5000, timeoutMs),
    });
    open({
      event(e) {
        if (settled) return;
        if (e.type === 'started' || e.type === 'info-changed') {
          info = e.info;
          frames = [];
        } else if (e.type === 'frame') {
          if (frames.length === 0 && !e.frame.isKey) return;
          frames.push(e.frame);
          const first = frames[0];
          if (
            frames.length >= MAX_FRAMES ||
            (first !== undefined && e.frame.pts90k - first.pts90k >= measure90k)
          ) {
            succeed();
          }
        } else if (e.type === 'stopped' && frames.length > 0) {
          succeed();
        }
      },
      closed(error) {
        if (frames.length > 0) succeed();
        else fail(error);
      },
    }).then(
      (conn) => {
        connection = conn;
        phase = 'playing';
        if (settled) void conn.close().catch(() => undefined);
      },
      (e: unknown) => {
        fail(e instanceof IngestError ? e : new IngestError('error', String(e)));
      },
    );
  });
}
