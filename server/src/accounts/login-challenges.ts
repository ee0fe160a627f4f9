/**
 * Second-factor challenges: after the right password of an account with a second factor, the
 * login answers a random challenge instead of a session; the second step presents it with a code.
 * A challenge lives `CHALLENGE_TTL_MS` on the injected clock, belongs to the address that earned
 * it, and allows `CHALLENGE_TRIES` wrong codes. They are kept in memory: a restart only asks for
 * the password again.
 */
import { randomBytes } from 'node:crypto';
import type { Clock } from '../app/index.ts';
import { tokenHash } from './sessions.ts';

/** How long a challenge may be answered. */
export const CHALLENGE_TTL_MS = 5 * 60_000;
/** Wrong codes a challenge allows before it is dropped (each also counts as a failed login). */
export const CHALLENGE_TRIES = 5;

/** Whose password was right, and where from. */
export interface PendingLogin {
  userId: string;
  username: string;
  address: string;
  expiresMs: number;
  triesLeft: number;
}

/** The pending second-factor steps. */
export class LoginChallenges {
  readonly #pending = new Map<string, PendingLogin>();
  constructor(private readonly clock: Clock) {}

  /** A new challenge for a login whose password was right. */
  issue(
    userId: string,
    username: string,
    address: string,
  ): { challenge: string; expiresMs: number } {
    this.#sweep();
    const challenge = randomBytes(32).toString('base64url');
    const expiresMs = this.clock.nowMs() + CHALLENGE_TTL_MS;
    this.#pending.set(tokenHash(challenge), {
      userId,
      username,
      address,
      expiresMs,
      triesLeft: CHALLENGE_TRIES,
    });
    return { challenge, expiresMs };
  }

  /** The pending login of a live challenge from this address, or undefined. */
  find(challenge: string, address: string): PendingLogin | undefined {
    this.#sweep();
    const pending = this.#pending.get(tokenHash(challenge));
    return pending && pending.address === address ? pending : undefined;
  }

  /** Counts a wrong code; the challenge is dropped when its tries are spent. */
  failed(challenge: string): void {
    const key = tokenHash(challenge);
    const pending = this.#pending.get(key);
    if (!pending) return;
    pending.triesLeft -= 1;
    if (pending.triesLeft <= 0) this.#pending.delete(key);
  }

  /** Ends a challenge (answered). */
  end(challenge: string): void {
    this.#pending.delete(tokenHash(challenge));
  }

  #sweep(): void {
    const now = this.clock.nowMs();
    for (const [key, p] of this.#pending) if (p.expiresMs <= now) this.#pending.delete(key);
  }
}
