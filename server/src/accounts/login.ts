/**
 * Login with a password. Failed attempts are answered after a random delay and counted: too many
 * failures for one account (since its last success) or from one address, within the window,
 * block further attempts for that account or address until the window moves on. Every attempt is
 * recorded in `login_attempts` and logged. Whether an account exists is never revealed.
 */
import { randomInt, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import type { Clock, FailedLoginConfig, Logger } from '../app/index.ts';
import { AppError } from '../app/index.ts';
import type { Principal } from '../permissions/index.ts';
import type { AccountsDb } from './tables.ts';
import type { AuditRecorder } from '../audit/index.ts';
import { DEFAULT_HASHING, hashPassword, verifyPassword, type HashingParams } from './passwords.ts';
import type { SessionService } from './sessions.ts';
import { normalizeUsername } from './users.ts';

/** What the person typed, and where from. */
export interface Credentials {
  username: string;
  password: string;
  address: string;
}

/** A successful login: the session token and who it is. */
export interface LoginResult {
  token: string;
  expiresMs: number;
  principal: Principal;
}

/** Logs people in. */
export interface LoginService {
  /** Throws `unauthenticated` (wrong credentials) or `resource_exhausted` (rate limited). */
  login(credentials: Credentials): Promise<LoginResult>;
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
}

/** Creates the login service. */
export function createLoginService(deps: LoginDeps): LoginService {
  const { db, clock, sessions, config, logger } = deps;
  const delay = deps.delay ?? ((ms: number) => sleep(ms));
  const windowMs = config.windowMinutes * 60_000;
  let dummyHash: Promise<string> | undefined;

  const failureDelay = (): Promise<void> =>
    delay(randomInt(config.delayMinMs, config.delayMaxMs + 1));

  async function countFailures(column: 'username' | 'address', value: string, sinceMs: number) {
    const row = await db
      .selectFrom('login_attempts')
      .select(sql<number>`count(*)`.as('n'))
      .where(column, '=', value)
      .where('succeeded', '=', 0)
      .where('at_ms', '>', sinceMs)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async function lastSuccessMs(username: string): Promise<number> {
    const row = await db
      .selectFrom('login_attempts')
      .select(sql<number | null>`max(at_ms)`.as('t'))
      .where('username', '=', username)
      .where('succeeded', '=', 1)
      .executeTakeFirstOrThrow();
    return row.t === null ? 0 : Number(row.t);
  }

  async function record(username: string, address: string, succeeded: boolean): Promise<void> {
    await db
      .insertInto('login_attempts')
      .values({
        id: randomUUID(),
        username: username.slice(0, 200),
        address: address.slice(0, 200),
        at_ms: clock.nowMs(),
        succeeded: succeeded ? 1 : 0,
      })
      .execute();
  }

  return {
    async login({ username: typed, password, address }) {
      const username = normalizeUsername(typed);
      const since = clock.nowMs() - windowMs;
      const accountSince = Math.max(since, await lastSuccessMs(username));
      const accountFailures = await countFailures('username', username, accountSince);
      const addressFailures = await countFailures('address', address, since);
      if (accountFailures >= config.maxPerAccount || addressFailures >= config.maxPerAddress) {
        logger.warn({ username, address, accountFailures, addressFailures }, 'login blocked');
        await deps.audit.record({
          action: 'session.login_failed',
          outcome: 'denied',
          username,
          sourceAddress: address,
          reason: 'too many failed logins',
        });
        await failureDelay();
        throw new AppError('resource_exhausted', 'too many failed logins; try again later', {
          retryAfterSeconds: Math.ceil(windowMs / 1000),
        });
      }

      const user = await db
        .selectFrom('users')
        .innerJoin('agencies', 'agencies.id', 'users.agency_id')
        .selectAll('users')
        .select('agencies.kind as agency_kind')
        .where('users.username', '=', username)
        .executeTakeFirst();
      dummyHash ??= hashPassword('not-a-password', deps.hashing ?? DEFAULT_HASHING);
      const matches = await verifyPassword(user?.password_hash ?? (await dummyHash), password);
      if (!user || !matches || user.disabled === 1) {
        await record(username, address, false);
        logger.warn({ username, address }, 'login failed');
        await deps.audit.record({
          action: 'session.login_failed',
          outcome: 'denied',
          username,
          sourceAddress: address,
          reason:
            user?.disabled === 1 && matches ? 'account disabled' : 'wrong username or password',
        });
        await failureDelay();
        throw new AppError('unauthenticated', 'wrong username or password');
      }

      await record(username, address, true);
      const session = await sessions.start(user.id, address);
      logger.info({ username, address }, 'login');
      const principal = await sessions.resolve(session.token);
      if (!principal) throw new AppError('internal', 'session vanished right after login');
      await deps.audit.record({
        action: 'session.login',
        outcome: 'granted',
        principal,
        sourceAddress: address,
      });
      return { token: session.token, expiresMs: session.expiresMs, principal };
    },

    async purgeAttempts(olderThanMs) {
      const res = await db
        .deleteFrom('login_attempts')
        .where('at_ms', '<', olderThanMs)
        .executeTakeFirst();
      return Number(res.numDeletedRows);
    },
  };
}
