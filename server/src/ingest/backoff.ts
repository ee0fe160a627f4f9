/**
 * Reconnect back-off: exponential with jitter, capped low while an outage is young so that a
 * camera that comes back after a short outage is reconnected within a few seconds, and capped
 * higher once it has been away for a while so that 200 dead cameras do not hammer the network.
 *
 * Defaults: 0.5 s doubling; at most 2 s during the first 60 s of an outage (worst case the next
 * attempt starts 2 s after the camera returns, leaving 3 s for the handshake within the 5 s
 * promise); at most 30 s afterwards. Jitter: each delay is drawn uniformly from [d/2, d].
 */

/** Tunables of the back-off policy. */
export interface BackoffOptions {
  /** First delay before a reconnect, ms. */
  initialMs: number;
  /** Multiplier per failed attempt. */
  factor: number;
  /** Cap while the outage is younger than `shortOutageMs`. */
  shortCapMs: number;
  /** How long an outage counts as short, ms. */
  shortOutageMs: number;
  /** Cap once the outage is long. */
  capMs: number;
}

/** The documented defaults. */
export const DEFAULT_BACKOFF: BackoffOptions = {
  initialMs: 500,
  factor: 2,
  shortCapMs: 2_000,
  shortOutageMs: 60_000,
  capMs: 30_000,
};

/**
 * The delay before reconnect attempt number `attempt` (1 = first retry) of an outage that has
 * lasted `outageMs`. `random` returns a number in [0, 1).
 */
export function backoffDelayMs(
  attempt: number,
  outageMs: number,
  random: () => number,
  opts: BackoffOptions = DEFAULT_BACKOFF,
): number {
  const cap = outageMs < opts.shortOutageMs ? opts.shortCapMs : opts.capMs;
  const exp = opts.initialMs * Math.pow(opts.factor, Math.max(0, attempt - 1));
  const ceiling = Math.min(cap, exp);
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.round(ceiling / 2 + (ceiling / 2) * r);
}
