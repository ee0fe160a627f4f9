/**
 * Login sessions. The browser holds a random token; the database holds only its SHA-256. A
 * session ends at logout, after `idleMinutes` without a request, or `absoluteHours` after login,
 * whichever comes first, measured on the injected clock. When the database cannot be written
 * because the storage is full, a valid session stays valid: its idle time is simply not refreshed
 * until a later request can write it (logged once per outage), so reading requests go on working.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Clock, Logger, SessionConfig } from '../app/index.ts';
import { isStorageFullError } from '../db/index.ts';
import type { PrincipalAccessLoader } from './access-loaders.ts';
import type { Principal } from '../permissions/index.ts';
import type { AccountsDb } from './tables.ts';

/** A new session: the token for the cookie and when it ends at the latest. */
export interface NewSession {
  token: string;
  expiresMs: number;
}

/** Starts, checks and ends sessions. */
export interface SessionService {
  start(userId: string, address: string): Promise<NewSession>;
  /** The principal behind a token, or undefined when it is unknown, expired or disabled. */
  resolve(token: string): Promise<Principal | undefined>;
  end(token: string): Promise<void>;
  /** Deletes expired sessions; returns how many. */
  purgeExpired(): Promise<number>;
}

/** SHA-256 hex of a session token: what the database stores. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Creates the session service. */
export function createSessionService(deps: {
  db: AccountsDb;
  clock: Clock;
  config: SessionConfig;
  /** What the principal's role and agency hold now (the access module's loader). */
  principalAccess: PrincipalAccessLoader;
  /** Where a refresh that the full storage refused is reported (once per outage). */
  logger?: Logger;
}): SessionService {
  const { db, clock } = deps;
  let refreshFailing = false;
  /** Runs a write that only keeps the idle time or tidies up: a full storage does not fail it. */
  const bestEffort = async (what: string, write: () => Promise<unknown>): Promise<void> => {
    try {
      await write();
      if (refreshFailing) deps.logger?.info('sessions: the database can be written again');
      refreshFailing = false;
    } catch (e) {
      if (!isStorageFullError(e)) throw e;
      if (!refreshFailing) {
        deps.logger?.error(
          { err: e },
          `sessions: could not ${what}, the storage is full; sessions stay valid until it can`,
        );
      }
      refreshFailing = true;
    }
  };
  const idleMs = deps.config.idleMinutes * 60_000;
  const absoluteMs = deps.config.absoluteHours * 3_600_000;

  return {
    async start(userId, address) {
      const token = randomBytes(32).toString('base64url');
      const now = clock.nowMs();
      const expiresMs = now + absoluteMs;
      await db
        .insertInto('sessions')
        .values({
          token_hash: tokenHash(token),
          user_id: userId,
          created_ms: now,
          last_seen_ms: now,
          expires_ms: expiresMs,
          address: address.slice(0, 200),
        })
        .execute();
      return { token, expiresMs };
    },

    async resolve(token) {
      if (token.length < 16 || token.length > 128) return undefined;
      const hash = tokenHash(token);
      const row = await db
        .selectFrom('sessions')
        .innerJoin('users', 'users.id', 'sessions.user_id')
        .innerJoin('agencies', 'agencies.id', 'users.agency_id')
        .select([
          'sessions.last_seen_ms',
          'sessions.expires_ms',
          'users.id as user_id',
          'users.username',
          'users.display_name',
          'users.role',
          'users.disabled',
          'users.agency_id',
          'agencies.kind as agency_kind',
        ])
        .where('sessions.token_hash', '=', hash)
        .executeTakeFirst();
      if (!row) return undefined;
      const now = clock.nowMs();
      if (now >= row.expires_ms || now - row.last_seen_ms >= idleMs || row.disabled === 1) {
        await bestEffort('delete an ended session', () =>
          db.deleteFrom('sessions').where('token_hash', '=', hash).execute(),
        );
        return undefined;
      }
      const access = await deps.principalAccess(
        {
          userId: row.user_id,
          role: row.role,
          agencyId: row.agency_id,
          agencyKind: row.agency_kind,
        },
        now,
      );
      if (!access) return undefined;
      if (now > row.last_seen_ms) {
        await bestEffort('refresh the idle time of a session', () =>
          db
            .updateTable('sessions')
            .set({ last_seen_ms: now })
            .where('token_hash', '=', hash)
            .execute(),
        );
      }
      return {
        userId: row.user_id,
        username: row.username,
        displayName: row.display_name,
        role: row.role,
        agencyId: row.agency_id,
        agencyKind: row.agency_kind,
        access,
      };
    },

    async end(token) {
      await db.deleteFrom('sessions').where('token_hash', '=', tokenHash(token)).execute();
    },

    async purgeExpired() {
      const now = clock.nowMs();
      const res = await db
        .deleteFrom('sessions')
        .where((eb) => eb.or([eb('expires_ms', '<=', now), eb('last_seen_ms', '<=', now - idleMs)]))
        .executeTakeFirst();
      return Number(res.numDeletedRows);
    },
  };
}
