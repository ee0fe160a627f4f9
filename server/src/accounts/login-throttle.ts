/**
 * Growing waits after failed logins, kept in `login_attempts` so that they survive a restart.
 * A failure counts while it is younger than the window and not cleared (a later success of the
 * same username from the same address, or an administrator's unlock, clears it). After `free`
 * counted failures of a username from one address, each further failure doubles the wait before
 * the next attempt of that pair is checked, from `firstWaitMs` up to `maxWaitMs`; failures from
 * one address, whatever the usernames, are limited the same way with a higher `free`. The right
 * password from another address is never held back by someone else's failures.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Clock, FailedLoginConfig } from '../app/index.ts';
import type { AccountsDb } from './tables.ts';

/** The waits' settings, from `auth.failedLogin`. */
export interface ThrottleSettings {
  windowMs: number;
  freePerPair: number;
  freePerAddress: number;
  firstWaitMs: number;
  maxWaitMs: number;
}

/** The settings a configuration implies. */
export function throttleSettingsOf(config: FailedLoginConfig): ThrottleSettings {
  return {
    windowMs: config.windowMinutes * 60_000,
    freePerPair: config.freePerAccountAndAddress,
    freePerAddress: config.freePerAddress,
    firstWaitMs: config.firstWaitSeconds * 1000,
    maxWaitMs: config.maxWaitMinutes * 60_000,
  };
}

/**
 * The wait (ms) after `failures` counted failures, the first `free` of which wait for nothing:
 * 0 up to `free`, then `firstWaitMs`, doubling with each failure, at most `maxWaitMs`.
 */
export function waitAfter(failures: number, free: number, s: ThrottleSettings): number {
  if (failures <= free) return 0;
  return Math.min(s.maxWaitMs, s.firstWaitMs * 2 ** (failures - free - 1));
}

/** Counted failures and the time of the latest. */
export interface FailureCount {
  failures: number;
  /** UTC ms of the latest counted failure; 0 when there is none. */
  lastMs: number;
}

/** How sign-in stands for one account, for its administrators. */
export interface SignInState {
  /** Failures counted in the window, from any address. */
  failedAttempts: number;
  /** When the longest wait now running for this username (from some address) ends; or null. */
  delayedUntilMs: number | null;
  /** True when the failures reach the alarm's threshold (the account is being guessed at). */
  guessed: boolean;
}

/** Counted failures of one username. */
export interface AccountFailures {
  username: string;
  failures: number;
  /** Distinct addresses they came from. */
  addresses: number;
}

/** The failure counts and their records. */
export interface LoginThrottle {
  readonly settings: ThrottleSettings;
  /** Counted failures of `username` from `address`. */
  pairFailures(username: string, address: string): Promise<FailureCount>;
  /** Counted failures from `address`, whatever the usernames. */
  addressFailures(address: string): Promise<FailureCount>;
  /** Records a checked attempt; a success clears the failures of its username and address. */
  record(username: string, address: string, succeeded: boolean): Promise<void>;
  /** Clears the counted failures of `username` from every address; returns how many. */
  clearAccount(username: string): Promise<number>;
  /** Counted failures of one username, from any address. */
  accountFailures(username: string): Promise<AccountFailures>;
  /** The usernames with at least `min` counted failures. */
  accountsWithFailures(min: number): Promise<AccountFailures[]>;
  /** Sign-in state of each username given (absent: nothing counted). */
  signInStates(
    usernames: readonly string[],
    alarmFailures: number,
  ): Promise<Map<string, SignInState>>;
}

/** Creates the throttle over `login_attempts`. */
export function createLoginThrottle(deps: {
  db: AccountsDb;
  clock: Clock;
  settings: ThrottleSettings;
}): LoginThrottle {
  const { db, clock, settings } = deps;
  const counted = () =>
    db
      .selectFrom('login_attempts')
      .where('succeeded', '=', 0)
      .where('cleared_ms', 'is', null)
      .where('at_ms', '>', clock.nowMs() - settings.windowMs);

  async function count(query: ReturnType<typeof counted>): Promise<FailureCount> {
    const row = await query
      .select([sql<number>`count(*)`.as('n'), sql<number | null>`max(at_ms)`.as('last')])
      .executeTakeFirstOrThrow();
    return { failures: Number(row.n), lastMs: row.last === null ? 0 : Number(row.last) };
  }

  const perAccount = () =>
    counted()
      .select([
        'username',
        sql<number>`count(*)`.as('n'),
        sql<number>`count(distinct address)`.as('addresses'),
      ])
      .groupBy('username');

  const toAccount = (r: { username: string; n: number; addresses: number }): AccountFailures => ({
    username: r.username,
    failures: Number(r.n),
    addresses: Number(r.addresses),
  });

  return {
    settings,
    pairFailures: (username, address) =>
      count(counted().where('username', '=', username).where('address', '=', address)),
    addressFailures: (address) => count(counted().where('address', '=', address)),
    async record(username, address, succeeded) {
      const now = clock.nowMs();
      const name = username.slice(0, 200);
      const from = address.slice(0, 200);
      await db
        .insertInto('login_attempts')
        .values({
          id: randomUUID(),
          username: name,
          address: from,
          at_ms: now,
          succeeded: succeeded ? 1 : 0,
          cleared_ms: null,
        })
        .execute();
      if (!succeeded) return;
      await db
        .updateTable('login_attempts')
        .set({ cleared_ms: now })
        .where('username', '=', name)
        .where('address', '=', from)
        .where('succeeded', '=', 0)
        .where('cleared_ms', 'is', null)
        .execute();
    },
    async clearAccount(username) {
      const res = await db
        .updateTable('login_attempts')
        .set({ cleared_ms: clock.nowMs() })
        .where('username', '=', username)
        .where('succeeded', '=', 0)
        .where('cleared_ms', 'is', null)
        .executeTakeFirst();
      return Number(res.numUpdatedRows);
    },
    async accountFailures(username) {
      const row = await perAccount().where('username', '=', username).executeTakeFirst();
      return row ? toAccount(row) : { username, failures: 0, addresses: 0 };
    },
    async accountsWithFailures(min) {
      const rows = await perAccount()
        .having(sql<number>`count(*)`, '>=', min)
        .execute();
      return rows.map(toAccount);
    },
    async signInStates(usernames, alarmFailures) {
      const states = new Map<string, SignInState>();
      if (usernames.length === 0) return states;
      const rows = await counted()
        .where('username', 'in', usernames)
        .select([
          'username',
          'address',
          sql<number>`count(*)`.as('n'),
          sql<number>`max(at_ms)`.as('last'),
        ])
        .groupBy(['username', 'address'])
        .execute();
      const now = clock.nowMs();
      for (const r of rows) {
        const failures = Number(r.n);
        const until = Number(r.last) + waitAfter(failures, settings.freePerPair, settings);
        const s = states.get(r.username) ?? {
          failedAttempts: 0,
          delayedUntilMs: null,
          guessed: false,
        };
        s.failedAttempts += failures;
        if (until > now && until > (s.delayedUntilMs ?? 0)) s.delayedUntilMs = until;
        s.guessed = s.failedAttempts >= alarmFailures;
        states.set(r.username, s);
      }
      return states;
    },
  };
}
