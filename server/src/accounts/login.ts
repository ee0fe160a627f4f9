/**
 * Login with a password. A failure is answered after a random delay and counted
 * (`login-throttle.ts`): once a username has used its free failures from one address, further
 * attempts of that pair wait, longer after each failure, and an address that fails for many
 * usernames waits likewise. An attempt inside its wait is refused (`resource_exhausted`, with
 * `retryAfterSeconds`) without checking the password; the same account from another address is
 * not held back. Guessing at an account is reported (`login-guessing.ts`), and an administrator
 * may clear the waits (`unlock`). Every attempt is audited and logged; whether an account exists
 * is never revealed.
 */
import { randomInt } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Clock, FailedLoginConfig, Logger } from '../app/index.ts';
import { AppError } from '../app/index.ts';
import type { Principal } from '../permissions/index.ts';
import type { AccountsDb } from './tables.ts';
import type { AuditRecorder } from '../audit/index.ts';
import { DEFAULT_HASHING, hashPassword, verifyPassword, type HashingParams } from './passwords.ts';
import type { SessionService } from './sessions.ts';
import { normalizeUsername } from './users.ts';
import {
  createLoginThrottle,
  throttleSettingsOf,
  waitAfter,
  type SignInState,
} from './login-throttle.ts';
import { createGuessingWatch, type GuessingListener } from './login-guessing.ts';
import { InFlightAttempts, type InFlight } from './in-flight-attempts.ts';
import { LoginChallenges } from './login-challenges.ts';
import type { SecondFactorMethod, SecondFactorService } from './second-factor.ts';

/** What the person typed, and where from. */
export interface Credentials {
  username: string;
  password: string;
  address: string;
}

/** How a login was proved, as `session.login` records it. */
export type LoginMethod = 'password' | SecondFactorMethod;

/** A successful login: the session token and who it is. */
export interface LoginResult {
  token: string;
  expiresMs: number;
  principal: Principal;
  method: LoginMethod;
}

/** The password was right and the account has a second factor: answer the challenge with it. */
export interface SecondFactorChallenge {
  secondFactor: 'totp';
  challenge: string;
  expiresMs: number;
}

/** The second step: the challenge and a TOTP code or a recovery code. */
export interface SecondFactorAnswer {
  challenge: string;
  code?: string | undefined;
  recoveryCode?: string | undefined;
  address: string;
}

/** Logs people in. */
export interface LoginService {
  /**
   * The password step: a session, or a second-factor challenge for an account with one. Throws
   * `unauthenticated` (wrong credentials) or `resource_exhausted` (wait, and retry).
   */
  passwordStep(credentials: Credentials): Promise<LoginResult | SecondFactorChallenge>;
  /**
   * The second step: a right code (each accepted once) completes the login; a wrong one counts as
   * a failed login, with the same waits. `unauthenticated` with `reason: 'challenge_expired'`
   * when the challenge is unknown, spent or from another address.
   */
  secondFactorStep(answer: SecondFactorAnswer): Promise<LoginResult>;
  /** Password only (no second factor): `failed_precondition` for an account that has one. */
  login(credentials: Credentials): Promise<LoginResult>;
  /**
   * Clears the counted failures of `username` from every address (so its waits end) and stops
   * its guessing report; returns how many failures stopped counting. The caller audits it.
   */
  unlock(username: string): Promise<number>;
  /** How sign-in stands for each username given (absent: no failures counted). */
  signInStates(usernames: readonly string[]): Promise<Map<string, SignInState>>;
  /** Reports accounts being guessed at since before a restart; then re-counts every minute. */
  start(): Promise<void>;
  /** Re-counts the accounts reported as guessed at now (what the minute's review does). */
  reviewGuessing(): Promise<void>;
  stop(): void;
  /** Deletes attempts older than `olderThanMs` (wall time); returns how many. */
  purgeAttempts(olderThanMs: number): Promise<number>;
}

/** Dependencies of the login service. `delay` is how a failure waits (tests pass their own). */
export interface LoginDeps {
  db: AccountsDb;
  clock: Clock;
  sessions: SessionService;
  config: FailedLoginConfig;
  logger: Logger;
  /** Where logins and failed logins are recorded. */
  audit: AuditRecorder;
  hashing?: HashingParams;
  delay?: (ms: number) => Promise<void>;
  /** Told when an account is being guessed at, and when that stops (the composition's alarm). */
  guessing?: GuessingListener;
  /** The accounts' second factor. */
  secondFactor: SecondFactorService;
}

/** Creates the login service. */
export function createLoginService(deps: LoginDeps): LoginService {
  const { db, clock, sessions, config, logger } = deps;
  const delay = deps.delay ?? ((ms: number) => sleep(ms));
  const throttle = createLoginThrottle({ db, clock, settings: throttleSettingsOf(config) });
  const { freePerPair, freePerAddress } = throttle.settings;
  const findUser = (username: string) =>
    db
      .selectFrom('users')
      .innerJoin('agencies', 'agencies.id', 'users.agency_id')
      .selectAll('users')
      .select('agencies.kind as agency_kind')
      .where('users.username', '=', username)
      .executeTakeFirst();
  const guessing = createGuessingWatch({
    throttle,
    clock,
    logger,
    alarmFailures: config.alarmFailures,
    accountExists: async (username) => (await findUser(username)) !== undefined,
    listener: deps.guessing,
  });
  const inFlight = new InFlightAttempts();
  const challenges = new LoginChallenges(clock);
  let dummyHash: Promise<string> | undefined;

  const failureDelay = (): Promise<void> =>
    delay(randomInt(config.delayMinMs, config.delayMaxMs + 1));

  /** Seconds until an attempt of `username` from `address` may be checked; 0: now. */
  async function waitSeconds(username: string, address: string, held: InFlight): Promise<number> {
    const pair = await throttle.pairFailures(username, address);
    const from = await throttle.addressFailures(address);
    const until = Math.max(
      pair.lastMs + waitAfter(pair.failures, freePerPair, throttle.settings),
      from.lastMs + waitAfter(from.failures, freePerAddress, throttle.settings),
    );
    const now = clock.nowMs();
    if (until > now) return Math.ceil((until - now) / 1000);
    // Attempts still being checked may fail too: beyond the free failures, one at a time.
    const crowded =
      (held.samePair > 0 && pair.failures + held.samePair > freePerPair) ||
      (held.sameAddress > 0 && from.failures + held.sameAddress > freePerAddress);
    return crowded ? 1 : 0;
  }

  async function refuse(username: string, address: string, retryAfterSeconds: number) {
    logger.warn({ username, address, retryAfterSeconds }, 'login attempt inside its wait');
    await deps.audit.record({
      action: 'session.login_failed',
      outcome: 'denied',
      username,
      sourceAddress: address,
      reason: 'too many failed logins: waiting',
    });
    await failureDelay();
    return new AppError('resource_exhausted', 'too many failed logins; try again later', {
      retryAfterSeconds,
    });
  }

  async function check({ username: typed, password, address }: Credentials, held: InFlight) {
    const username = normalizeUsername(typed);
    const wait = await waitSeconds(username, address, held);
    if (wait > 0) throw await refuse(username, address, wait);

    const user = await findUser(username);
    dummyHash ??= hashPassword('not-a-password', deps.hashing ?? DEFAULT_HASHING);
    const matches = await verifyPassword(user?.password_hash ?? (await dummyHash), password);
    if (!user || !matches || user.disabled === 1) {
      await throttle.record(username, address, false);
      logger.warn({ username, address }, 'login failed');
      await deps.audit.record({
        action: 'session.login_failed',
        outcome: 'denied',
        username,
        sourceAddress: address,
        reason: user?.disabled === 1 && matches ? 'account disabled' : 'wrong username or password',
      });
      if (user) await guessing.failed(username);
      await failureDelay();
      throw new AppError('unauthenticated', 'wrong username or password');
    }

    if (await deps.secondFactor.hasTotp(user.id)) {
      // The password is right, but the login is not done (nor the failures cleared) until the
      // second factor is.
      logger.info({ username, address }, 'login: password right, second factor asked');
      return { secondFactor: 'totp' as const, ...challenges.issue(user.id, username, address) };
    }
    return startSession(user.id, username, address, 'password');
  }

  async function startSession(
    userId: string,
    username: string,
    address: string,
    method: LoginMethod,
  ): Promise<LoginResult> {
    await throttle.record(username, address, true);
    const session = await sessions.start(userId, address);
    logger.info({ username, address, method }, 'login');
    const principal = await sessions.resolve(session.token);
    if (!principal) throw new AppError('unauthenticated', 'wrong username or password');
    await deps.audit.record({
      action: 'session.login',
      outcome: 'granted',
      principal,
      sourceAddress: address,
      details: { method },
    });
    return { token: session.token, expiresMs: session.expiresMs, principal, method };
  }

  async function answer(a: SecondFactorAnswer, username: string, userId: string, held: InFlight) {
    const wait = await waitSeconds(username, a.address, held);
    if (wait > 0) throw await refuse(username, a.address, wait);
    const method = await deps.secondFactor.verify(userId, a);
    if (method === undefined) {
      challenges.failed(a.challenge);
      await throttle.record(username, a.address, false);
      logger.warn({ username, address: a.address }, 'login failed: wrong second-factor code');
      await deps.audit.record({
        action: 'session.login_failed',
        outcome: 'denied',
        username,
        sourceAddress: a.address,
        reason: a.code !== undefined ? 'wrong TOTP code' : 'wrong recovery code',
      });
      await guessing.failed(username);
      await failureDelay();
      throw new AppError('unauthenticated', 'wrong code', { reason: 'wrong_code' });
    }
    challenges.end(a.challenge);
    return startSession(userId, username, a.address, method);
  }

  return {
    async passwordStep(credentials) {
      const held = inFlight.enter(normalizeUsername(credentials.username), credentials.address);
      try {
        return await check(credentials, held);
      } finally {
        held.release();
      }
    },

    async secondFactorStep(a) {
      const pending = challenges.find(a.challenge, a.address);
      if (!pending) {
        throw new AppError('unauthenticated', 'the sign-in has expired: enter the password again', {
          reason: 'challenge_expired',
        });
      }
      const held = inFlight.enter(pending.username, a.address);
      try {
        return await answer(a, pending.username, pending.userId, held);
      } finally {
        held.release();
      }
    },

    async login(credentials) {
      const outcome = await this.passwordStep(credentials);
      if ('secondFactor' in outcome) {
        throw new AppError('failed_precondition', 'this account signs in with a second factor');
      }
      return outcome;
    },

    async unlock(username) {
      const cleared = await throttle.clearAccount(normalizeUsername(username));
      guessing.unlocked(normalizeUsername(username));
      logger.info({ username, cleared }, 'sign-in unlocked');
      return cleared;
    },

    signInStates: (usernames) => throttle.signInStates(usernames, config.alarmFailures),
    start: () => guessing.start(),
    reviewGuessing: () => guessing.review(),
    stop: () => guessing.stop(),

    async purgeAttempts(olderThanMs) {
      const res = await db
        .deleteFrom('login_attempts')
        .where('at_ms', '<', olderThanMs)
        .executeTakeFirst();
      return Number(res.numDeletedRows);
    },
  };
}
