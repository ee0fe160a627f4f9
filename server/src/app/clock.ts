/**
 * Time comes from an injected clock, so that retention, sessions, timelines and back-off can be
 * tested on a fake clock without sleeping. Wall time is UTC milliseconds since the Unix epoch;
 * `monotonicMs` never goes backwards and is what durations and timeouts are measured with.
 */

/** A handle for a scheduled callback. */
export interface TimerHandle {
  cancel(): void;
}

/** The source of time and timers for everything in the server. */
export interface Clock {
  /** Wall time, UTC milliseconds since the Unix epoch. */
  nowMs(): number;
  /** Monotonic milliseconds from an arbitrary origin; never decreases. */
  monotonicMs(): number;
  /** Runs `fn` once after `delayMs` of this clock's time. */
  setTimeout(fn: () => void, delayMs: number): TimerHandle;
}

/** The real clock. */
export const systemClock: Clock = {
  nowMs: () => Date.now(),
  monotonicMs: () => performance.now(),
  setTimeout(fn, delayMs) {
    const t = setTimeout(fn, delayMs);
    return { cancel: () => clearTimeout(t) };
  },
};

interface PendingTimer {
  dueMs: number;
  seq: number;
  fn: () => void;
  cancelled: boolean;
}

/** A clock that moves only when told to. Timers fire, in order, as `advance` passes them. */
export class FakeClock implements Clock {
  private wallMs: number;
  private monoMs = 0;
  private seq = 0;
  private timers: PendingTimer[] = [];

  constructor(startWallMs = Date.UTC(2026, 0, 1)) {
    this.wallMs = startWallMs;
  }

  nowMs(): number {
    return this.wallMs;
  }

  monotonicMs(): number {
    return this.monoMs;
  }

  setTimeout(fn: () => void, delayMs: number): TimerHandle {
    const timer: PendingTimer = {
      dueMs: this.monoMs + Math.max(0, delayMs),
      seq: this.seq++,
      fn,
      cancelled: false,
    };
    this.timers.push(timer);
    return { cancel: () => void (timer.cancelled = true) };
  }

  /** Moves time forward by `ms`, firing due timers in order. */
  advance(ms: number): void {
    const target = this.monoMs + ms;
    for (;;) {
      const next = this.timers
        .filter((t) => !t.cancelled && t.dueMs <= target)
        .sort((a, b) => a.dueMs - b.dueMs || a.seq - b.seq)[0];
      if (!next) break;
      this.wallMs += next.dueMs - this.monoMs;
      this.monoMs = next.dueMs;
      next.cancelled = true;
      next.fn();
    }
    this.timers = this.timers.filter((t) => !t.cancelled);
    this.wallMs += target - this.monoMs;
    this.monoMs = target;
  }

  /** Sets the wall clock (e.g. to simulate a step of NTP) without moving monotonic time. */
  setWall(ms: number): void {
    this.wallMs = ms;
  }
}
