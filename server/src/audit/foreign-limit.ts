/**
 * How many requests for others' resources one user may leave in the trail a minute. A user (or a
 * script with their session) probing ids could otherwise fill the trail: the first
 * `perMinute` attempts of each user in a clock minute are recorded in full; the attempt that
 * reaches the limit is recorded saying that the rest of that minute is not, so the trail still
 * shows that probing went on.
 */
import type { Clock } from '../app/index.ts';

/** What to do with one attempt. */
export type ForeignVerdict = 'record' | 'record_last' | 'skip';

/** Counts attempts per user per clock minute. */
export class ForeignAttemptLimit {
  private minute = -1;
  private readonly counts = new Map<string, number>();

  constructor(
    private readonly clock: Clock,
    private readonly perMinute: number,
  ) {}

  /** The verdict for one more attempt by `who` (a user id, or the address when anonymous). */
  next(who: string): ForeignVerdict {
    const minute = Math.floor(this.clock.nowMs() / 60_000);
    if (minute !== this.minute) {
      this.minute = minute;
      this.counts.clear();
    }
    const n = (this.counts.get(who) ?? 0) + 1;
    this.counts.set(who, n);
    if (n < this.perMinute) return 'record';
    return n === this.perMinute ? 'record_last' : 'skip';
  }
}
