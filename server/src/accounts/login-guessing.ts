/**
 * Tells the administrators when an account is being guessed at: when the failures counted for
 * one existing account within the window, from any addresses, reach `alarmFailures`. The
 * listener is handed in by the composition (which raises an alarm; accounts knows no alarms).
 * The watch re-counts every minute and says when guessing stopped (the window passed), and an
 * administrator's unlock stops it at once. `start` finds the accounts guessed at before a restart.
 */
import type { Clock, Logger, TimerHandle } from '../app/index.ts';
import type { LoginThrottle } from './login-throttle.ts';

/** An account being guessed at. */
export interface GuessingReport {
  username: string;
  /** Failures counted within the window. */
  failures: number;
  /** Distinct addresses they came from. */
  addresses: number;
  windowMinutes: number;
}

/** Who hears about guessing (the composition: the alarm board). Must not throw. */
export interface GuessingListener {
  /** An account is being guessed at; called again as the count grows. */
  onGuessing(report: GuessingReport): void;
  /** Guessing at `username` stopped: the window passed, or an administrator unlocked it. */
  onGuessingStopped(username: string): void;
}

/** Watches for guessing. */
export interface GuessingWatch {
  /** After a failure for an existing account: re-counts and reports when at the threshold. */
  failed(username: string): Promise<void>;
  /** After an unlock: guessing at `username` stopped. */
  unlocked(username: string): void;
  /** Re-counts the accounts reported; says which stopped. */
  review(): Promise<void>;
  /** Reports the accounts already guessed at (before a restart), then reviews every minute. */
  start(): Promise<void>;
  stop(): void;
}

const REVIEW_MS = 60_000;

/** Creates the watch; without a listener it does nothing. */
export function createGuessingWatch(deps: {
  throttle: LoginThrottle;
  clock: Clock;
  logger: Logger;
  alarmFailures: number;
  /** Whether an account exists (guessing at names that are no account raises nothing). */
  accountExists: (username: string) => Promise<boolean>;
  listener?: GuessingListener | undefined;
}): GuessingWatch {
  const { throttle, logger, alarmFailures, listener } = deps;
  const windowMinutes = Math.round(throttle.settings.windowMs / 60_000);
  const reported = new Set<string>();
  let timer: TimerHandle | undefined;

  function tell(fn: (l: GuessingListener) => void): void {
    if (!listener) return;
    try {
      fn(listener);
    } catch (err) {
      logger.error({ err }, 'guessing listener failed');
    }
  }

  function report(a: { username: string; failures: number; addresses: number }): void {
    reported.add(a.username);
    logger.warn({ ...a }, 'account being guessed at');
    tell((l) => l.onGuessing({ ...a, windowMinutes }));
  }

  async function review(): Promise<void> {
    for (const username of [...reported]) {
      const now = await throttle.accountFailures(username);
      if (now.failures >= alarmFailures) continue;
      reported.delete(username);
      tell((l) => l.onGuessingStopped(username));
    }
  }

  function schedule(): void {
    timer = deps.clock.setTimeout(() => {
      review()
        .catch((err: unknown) => logger.error({ err }, 'guessing review failed'))
        .finally(() => {
          if (timer) schedule();
        });
    }, REVIEW_MS);
  }

  return {
    async failed(username) {
      if (!listener) return;
      const now = await throttle.accountFailures(username);
      if (now.failures >= alarmFailures) report(now);
    },
    unlocked(username) {
      reported.delete(username);
      tell((l) => l.onGuessingStopped(username));
    },
    review,
    async start() {
      if (!listener || timer) return;
      for (const a of await throttle.accountsWithFailures(alarmFailures)) {
        if (await deps.accountExists(a.username)) report(a);
      }
      schedule();
    },
    stop() {
      timer?.cancel();
      timer = undefined;
    },
  };
}
