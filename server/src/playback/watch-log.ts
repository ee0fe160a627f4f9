/**
 * Writes what playback sessions actually showed into the audit trail: one `playback.watched`
 * entry per camera and merged range (`watched-ranges.ts`), with the session's owner, address,
 * reason and case reference. Written when a session is closed, when it lapses, every
 * `WATCH_WRITE_EVERY_MS` of the clock while it is in use, and at shutdown. The timer runs only
 * while sessions are open, so a process without playback holds no timer.
 */
import type { Clock, Logger, TimerHandle } from '../app/index.ts';
import type { AuditRecorder } from '../audit/index.ts';
import type { PlaybackSession } from './playback-sessions.ts';
import type { WatchedRange } from './watched-ranges.ts';

/** How often watched ranges of sessions in use are written (5 min of the clock). */
export const WATCH_WRITE_EVERY_MS = 5 * 60_000;

/** Why watched ranges were written, kept in the entry's details. */
export type WatchWrite = 'periodic' | 'closed' | 'lapsed' | 'shutdown';

/** The sessions the log writes for. */
export interface WatchedSessions {
  /** The sessions open now. */
  list(): PlaybackSession[];
  /** Removes and returns the sessions that lapsed. */
  takeLapsed(): PlaybackSession[];
}

/** The audit writer of watched ranges, with its periodic timer. */
export class WatchLog {
  private timer: TimerHandle | null = null;
  /** Ended sessions whose ranges could not be written yet; retried at each tick. */
  private readonly unwritten = new Set<PlaybackSession>();

  constructor(
    private readonly deps: {
      audit: AuditRecorder;
      clock: Clock;
      sessions: WatchedSessions;
      logger?: Logger | undefined;
      everyMs?: number | undefined;
    },
  ) {}

  /** Arms the periodic write (if not armed); called when a session opens. */
  arm(): void {
    if (this.timer) return;
    const tick = (): void => {
      this.timer = null;
      const done = this.writeDue('periodic'); // takes the lapsed sessions before returning
      if (this.pending()) this.arm();
      done.catch((e: unknown) => {
        this.deps.logger?.error({ err: e }, 'playback: watched ranges not written');
        if (this.pending()) this.arm();
      });
    };
    this.timer = this.deps.clock.setTimeout(tick, this.deps.everyMs ?? WATCH_WRITE_EVERY_MS);
  }

  /**
   * Writes the session's watched ranges now; on failure they are kept for the next try (an
   * ended session's too) and the error is rethrown.
   */
  async write(session: PlaybackSession, why: WatchWrite, ended: boolean): Promise<void> {
    const ranges = session.watched.take();
    try {
      await Promise.all(ranges.map((r) => this.record(session, r, why)));
      this.unwritten.delete(session);
    } catch (e) {
      session.watched.restore(ranges);
      if (ended) this.unwritten.add(session);
      throw e;
    }
  }

  /** Stops the timer and writes every session's ranges (`shutdown`). */
  async stop(): Promise<void> {
    this.timer?.cancel();
    this.timer = null;
    await this.writeDue('shutdown');
  }

  /** Writes lapsed, retried and (as `why`) open sessions' ranges; the first failure is rethrown. */
  private async writeDue(why: WatchWrite): Promise<void> {
    const jobs: Promise<void>[] = [];
    for (const s of this.deps.sessions.takeLapsed()) jobs.push(this.write(s, 'lapsed', true));
    for (const s of [...this.unwritten]) jobs.push(this.write(s, why, true));
    for (const s of this.deps.sessions.list()) {
      if (!s.watched.empty) jobs.push(this.write(s, why, false));
    }
    const failed = (await Promise.allSettled(jobs)).find((r) => r.status === 'rejected');
    if (failed)
      throw failed.reason instanceof Error ? failed.reason : new Error(String(failed.reason));
  }

  private pending(): boolean {
    return this.unwritten.size > 0 || this.deps.sessions.list().length > 0;
  }

  private async record(s: PlaybackSession, r: WatchedRange, why: WatchWrite): Promise<void> {
    await this.deps.audit.record({
      action: 'playback.watched',
      outcome: 'granted',
      principal: s.principal,
      sourceAddress: s.sourceAddress,
      cameraId: r.cameraId,
      resource: `playback_session:${s.id}`,
      fromMs: r.fromMs,
      toMs: r.toMs,
      reason: s.reason,
      caseReference: s.caseReference,
      details: { written: why },
    });
  }
}
