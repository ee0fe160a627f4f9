/**
 * Login attempts being checked right now, per (username, address) pair and per address. The
 * waits are computed from recorded failures, so attempts sent all at once would all find the
 * same count: counting those in flight as failures-to-be keeps a burst within the free failures.
 */

/** A reservation; `release` once the attempt is answered. */
export interface InFlight {
  /** Other attempts of the same pair in flight when this one arrived. */
  samePair: number;
  /** Other attempts from the same address in flight when this one arrived. */
  sameAddress: number;
  release(): void;
}

/** Counts attempts in flight (in this process). */
export class InFlightAttempts {
  private readonly pairs = new Map<string, number>();
  private readonly addresses = new Map<string, number>();

  /** Reserves a place for an attempt of `username` from `address`. */
  enter(username: string, address: string): InFlight {
    const pair = `${username}\n${address}`;
    const samePair = bump(this.pairs, pair, 1);
    const sameAddress = bump(this.addresses, address, 1);
    let released = false;
    return {
      samePair,
      sameAddress,
      release: () => {
        if (released) return;
        released = true;
        bump(this.pairs, pair, -1);
        bump(this.addresses, address, -1);
      },
    };
  }
}

/** Adds `by` to `key`'s count (deleting it at 0); returns the count before. */
function bump(counts: Map<string, number>, key: string, by: number): number {
  const before = counts.get(key) ?? 0;
  if (before + by <= 0) counts.delete(key);
  else counts.set(key, before + by);
  return before;
}
