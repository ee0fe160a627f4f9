/**
 * Who controls a camera's PTZ, as control rooms share one dome between forces: one control
 * session per camera; a request of a higher priority takes control at once, an equal or lower
 * one is refused while the holder is active (naming who and until when) and may wait in a
 * queue; a session lapses after `lapseMs` without commands, and then the first one waiting (the
 * highest priority, the earliest among equals) gets control. Pure state over an injected time.
 */

/** Who asks for or holds control. */
export interface Controller {
  userId: string;
  /** Shown to the others: the person's name. */
  displayName: string;
  agencyId: string;
  priority: number;
}

/** The control session of a camera. */
export interface ControlSession extends Controller {
  /** Opaque id of this session (changes when control changes hands). */
  sessionId: string;
  sinceMs: number;
  lastCommandMs: number;
}

/** What a request for control got. */
export type AcquireResult =
  | { kind: 'granted'; session: ControlSession; preempted?: ControlSession; renewed: boolean }
  | { kind: 'busy'; holder: ControlSession; untilMs: number; queuePosition?: number };

/** Why a session ended. */
export type EndReason = 'released' | 'lapsed' | 'preempted';

/** A session that ended, and why. */
export interface EndedSession {
  session: ControlSession;
  reason: EndReason;
  cameraId: string;
}

interface CameraState {
  holder: ControlSession | undefined;
  queue: { controller: Controller; askedMs: number }[];
}

/**
 * The arbiter of every camera's control. Callers `sweep` first (to learn which sessions lapsed,
 * for the audit trail); the other methods end lapsed sessions silently.
 */
export class PtzArbiter {
  private readonly cameras = new Map<string, CameraState>();
  private counter = 0;

  constructor(
    /** A session without commands for this long lapses. */
    readonly lapseMs: number,
    private readonly newId: () => string = () => `ptz-${++this.counter}`,
  ) {}

  /** The session in force on `cameraId` at `nowMs`, if any (a lapsed one ends first). */
  holder(cameraId: string, nowMs: number): ControlSession | undefined {
    this.expire(cameraId, nowMs);
    return this.cameras.get(cameraId)?.holder;
  }

  /** Who waits for `cameraId`, in the order they will get it. */
  waiting(cameraId: string): readonly Controller[] {
    return (this.cameras.get(cameraId)?.queue ?? []).map((q) => q.controller);
  }

  /**
   * Asks for control of `cameraId`. The holder itself renews its session; a higher priority
   * takes it (the holder is preempted); otherwise busy, and with `queue` the asker waits.
   */
  acquire(cameraId: string, who: Controller, nowMs: number, queue = false): AcquireResult {
    this.expire(cameraId, nowMs);
    const state = this.stateOf(cameraId);
    const holder = state.holder;
    if (holder?.userId === who.userId) {
      holder.lastCommandMs = nowMs;
      holder.priority = who.priority;
      return { kind: 'granted', session: holder, renewed: true };
    }
    if (holder === undefined || who.priority > holder.priority) {
      state.queue = state.queue.filter((q) => q.controller.userId !== who.userId);
      const session = this.open(who, nowMs);
      state.holder = session;
      return holder === undefined
        ? { kind: 'granted', session, renewed: false }
        : { kind: 'granted', session, preempted: holder, renewed: false };
    }
    const untilMs = holder.lastCommandMs + this.lapseMs;
    if (!queue) return { kind: 'busy', holder, untilMs };
    if (!state.queue.some((q) => q.controller.userId === who.userId)) {
      state.queue.push({ controller: who, askedMs: nowMs });
      state.queue.sort(
        (a, b) => b.controller.priority - a.controller.priority || a.askedMs - b.askedMs,
      );
    }
    const position = state.queue.findIndex((q) => q.controller.userId === who.userId) + 1;
    return { kind: 'busy', holder, untilMs, queuePosition: position };
  }

  /** A command by the holder: keeps its session alive. False when `userId` does not hold it. */
  touch(cameraId: string, userId: string, nowMs: number): boolean {
    const holder = this.holder(cameraId, nowMs);
    if (holder?.userId !== userId) return false;
    holder.lastCommandMs = nowMs;
    return true;
  }

  /**
   * Gives control back (or leaves the queue). The next one waiting, if any, gets control: the
   * ended session and the new one are returned.
   */
  release(
    cameraId: string,
    userId: string,
    nowMs: number,
  ): { ended?: EndedSession; next?: ControlSession } {
    const lapsed = this.expire(cameraId, nowMs);
    const state = this.stateOf(cameraId);
    state.queue = state.queue.filter((q) => q.controller.userId !== userId);
    if (state.holder?.userId !== userId) return lapsed.length > 0 ? { next: state.holder } : {};
    const ended: EndedSession = { session: state.holder, reason: 'released', cameraId };
    state.holder = undefined;
    const next = this.promote(state, nowMs);
    return next ? { ended, next } : { ended };
  }

  /**
   * Ends the sessions that lapsed by `nowMs` on every camera (handing each to the next waiting);
   * what ended, for the audit trail.
   */
  sweep(nowMs: number): EndedSession[] {
    return [...this.cameras.keys()].flatMap((id) => this.expire(id, nowMs));
  }

  private expire(cameraId: string, nowMs: number): EndedSession[] {
    const state = this.cameras.get(cameraId);
    const holder = state?.holder;
    if (state === undefined || holder === undefined) return [];
    if (nowMs - holder.lastCommandMs < this.lapseMs) return [];
    state.holder = undefined;
    const ended: EndedSession[] = [{ session: holder, reason: 'lapsed', cameraId }];
    this.promote(state, nowMs);
    return ended;
  }

  private promote(state: CameraState, nowMs: number): ControlSession | undefined {
    const first = state.queue.shift();
    if (first === undefined) return undefined;
    state.holder = this.open(first.controller, nowMs);
    return state.holder;
  }

  private open(who: Controller, nowMs: number): ControlSession {
    return { ...who, sessionId: this.newId(), sinceMs: nowMs, lastCommandMs: nowMs };
  }

  private stateOf(cameraId: string): CameraState {
    let s = this.cameras.get(cameraId);
    if (s === undefined) {
      s = { holder: undefined, queue: [] };
      this.cameras.set(cameraId, s);
    }
    return s;
  }
}
