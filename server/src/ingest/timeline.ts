/**
 * Stream time and wall time of the frames of one connection.
 *
 * Stream time (`pts90k`): the 32-bit RTP timestamp extended past wraparound, counted from 0 at the
 * first frame after each `started`. A jump of the camera's timestamps (forward by more than the
 * wall time that passed plus `jumpThresholdMs`, or backward by more than `backJumpThresholdMs`)
 * is re-anchored: stream time continues as if one normal frame interval had passed, and the jump
 * is counted.
 *
 * Wall time (`wallMs`) is a stable linear function of stream time, never a per-frame reading of
 * the clock: `anchorWall + (t - anchorT) / 90 + correction`. The correction follows a reference
 * by slewing at most `maxSlewPpm` (so wall durations stay within 0.5 % of stream durations and
 * wall time never goes backwards while stream time goes forwards):
 * - with RTCP sender reports (a camera clock within `srMaxOffsetMs` of ours): the camera's NTP
 *   time of each frame;
 * - without: the earliest arrival seen in each `windowMs` window, i.e. arrival minus the smallest
 *   network delay, so that one late frame does not pull the line.
 * A pending correction is applied at once when the stream restarts after a loss (there is a gap
 * then anyway).
 */

/** Tunables of the timeline. */
export interface TimelineOptions {
  /** A forward jump larger than the elapsed arrival time plus this is re-anchored, ms. */
  jumpThresholdMs: number;
  /** A backward step larger than this is re-anchored, ms (B-frame reordering stays well below). */
  backJumpThresholdMs: number;
  /** Largest rate of correction, parts per million of stream time. */
  maxSlewPpm: number;
  /** Errors smaller than this are left alone, ms. */
  deadbandMs: number;
  /** Window (stream time) over which the smallest arrival delay is taken, ms. */
  windowMs: number;
  /** Sender reports further than this from our clock are ignored (camera clock not set), ms. */
  srMaxOffsetMs: number;
}

/** The documented defaults. */
export const DEFAULT_TIMELINE: TimelineOptions = {
  jumpThresholdMs: 3_000,
  backJumpThresholdMs: 500,
  maxSlewPpm: 5_000,
  deadbandMs: 20,
  windowMs: 10_000,
  srMaxOffsetMs: 10_000,
};

/** Times of one frame. */
export interface FrameTimes {
  pts90k: number;
  wallMs: number;
  /** True when this frame's timestamp jumped and was re-anchored. */
  jumped: boolean;
}

/** Where wall time currently comes from. */
export type WallSource = 'arrival' | 'sender-report';

const TICKS_PER_MS = 90;

/** Signed difference a - b of two 32-bit timestamps, in (-2^31, 2^31]. */
function delta32(a: number, b: number): number {
  return (a - b) | 0;
}

/** Maps the RTP timestamps of one connection to stream time and wall time. */
export class Timeline {
  private readonly opts: TimelineOptions;
  private started = false;
  private lastTs32 = 0;
  /** Continuous stream time, jumps removed, 90 kHz. */
  private cont = 0;
  private lastArrivalMono = 0;
  private lastNormalDelta = 0;
  private ptsBase: number | undefined;
  private anchorCont = 0;
  private anchorWall = 0;
  private correction = 0;
  private slewRemaining = 0;
  private lastSteerCont = 0;
  private windowStart = 0;
  private windowMinErr = Infinity;
  /** Sender report: a point (cont, ntp wall) of the camera's clock, if trusted. */
  private sr: { cont: number; wallMs: number } | undefined;
  /** A sender report received before the first frame, as raw timestamp. */
  private earlySr: { ts32: number; wallMs: number } | undefined;
  /** Number of re-anchored timestamp jumps. */
  jumps = 0;
  /** Number of sender reports ignored because the camera's clock is too far from ours. */
  rejectedSenderReports = 0;

  constructor(opts: Partial<TimelineOptions> = {}) {
    this.opts = { ...DEFAULT_TIMELINE, ...opts };
  }

  /** Where wall time comes from now. */
  get source(): WallSource {
    return this.sr ? 'sender-report' : 'arrival';
  }

  /**
   * Times of the frame with RTP timestamp `ts32`, which arrived at `arrivalWallMs` (our wall
   * clock) and `arrivalMonoMs` (our monotonic clock).
   */
  map(ts32: number, arrivalWallMs: number, arrivalMonoMs: number): FrameTimes {
    let jumped = false;
    if (!this.started) {
      this.started = true;
      this.cont = 0;
      this.lastSteerCont = 0;
      this.lastTs32 = ts32 >>> 0;
      this.lastArrivalMono = arrivalMonoMs;
      this.anchorCont = 0;
      this.anchorWall = arrivalWallMs;
      this.windowStart = 0;
      if (this.earlySr) {
        const { ts32: srTs, wallMs } = this.earlySr;
        this.earlySr = undefined;
        this.sr = { cont: delta32(srTs, ts32), wallMs };
        this.anchorWall = this.srWall(0);
      }
    } else {
      const d = delta32(ts32, this.lastTs32);
      const arrivalDeltaMs = arrivalMonoMs - this.lastArrivalMono;
      const dMs = d / TICKS_PER_MS;
      if (
        dMs - Math.max(0, arrivalDeltaMs) > this.opts.jumpThresholdMs ||
        dMs < -this.opts.backJumpThresholdMs
      ) {
        jumped = true;
        this.jumps++;
        this.sr = undefined;
        this.cont += this.substituteDelta(arrivalDeltaMs);
        this.windowStart = this.cont;
        this.windowMinErr = Infinity;
      } else {
        this.cont += d;
        if (d > 0) this.lastNormalDelta = d;
      }
      this.lastTs32 = ts32 >>> 0;
      this.lastArrivalMono = arrivalMonoMs;
    }
    this.ptsBase ??= this.cont;
    this.steer(arrivalWallMs);
    return { pts90k: this.cont - this.ptsBase, wallMs: Math.round(this.wall(this.cont)), jumped };
  }

  /**
   * An RTCP sender report: the camera's clock said `ntpWallMs` (UTC ms) at RTP timestamp `ts32`;
   * it arrived at `arrivalWallMs`.
   */
  senderReport(ts32: number, ntpWallMs: number, arrivalWallMs: number): void {
    if (Math.abs(ntpWallMs - arrivalWallMs) > this.opts.srMaxOffsetMs) {
      this.rejectedSenderReports++;
      return;
    }
    if (!this.started) {
      this.earlySr = { ts32: ts32 >>> 0, wallMs: ntpWallMs };
      return;
    }
    this.sr = { cont: this.cont + delta32(ts32, this.lastTs32), wallMs: ntpWallMs };
  }

  /**
   * Stream time restarts at 0 with the next frame (a new `started` after a loss); any pending
   * wall-time correction is applied at once.
   */
  restart(): void {
    this.ptsBase = undefined;
    this.correction += this.slewRemaining;
    this.slewRemaining = 0;
  }

  private substituteDelta(arrivalDeltaMs: number): number {
    if (this.lastNormalDelta > 0 && this.lastNormalDelta <= TICKS_PER_MS * 1000) {
      return this.lastNormalDelta;
    }
    return Math.max(1, Math.round(Math.max(0, arrivalDeltaMs) * TICKS_PER_MS));
  }

  private wall(cont: number): number {
    return this.anchorWall + (cont - this.anchorCont) / TICKS_PER_MS + this.correction;
  }

  private srWall(cont: number): number {
    const sr = this.sr;
    return sr ? sr.wallMs + (cont - sr.cont) / TICKS_PER_MS : NaN;
  }

  /** Moves the correction towards the reference, at most maxSlewPpm of the stream time passed. */
  private steer(arrivalWallMs: number): void {
    const mapped = this.wall(this.cont);
    if (this.sr) {
      const err = this.srWall(this.cont) - mapped;
      this.slewRemaining = Math.abs(err) > this.opts.deadbandMs / 4 ? err : 0;
    } else {
      this.windowMinErr = Math.min(this.windowMinErr, arrivalWallMs - mapped);
      if ((this.cont - this.windowStart) / TICKS_PER_MS >= this.opts.windowMs) {
        const err = this.windowMinErr;
        this.slewRemaining = Math.abs(err) > this.opts.deadbandMs ? err : 0;
        this.windowStart = this.cont;
        this.windowMinErr = Infinity;
      }
    }
    const elapsedMs = Math.max(0, (this.cont - this.lastSteerCont) / TICKS_PER_MS);
    this.lastSteerCont = this.cont;
    if (this.slewRemaining === 0) return;
    const max = (elapsedMs * this.opts.maxSlewPpm) / 1e6;
    const step = Math.sign(this.slewRemaining) * Math.min(Math.abs(this.slewRemaining), max);
    this.correction += step;
    this.slewRemaining -= step;
  }
}
