/**
 * API tokens for machines (scripts, scrapers, a partner's integration): a token acts as one
 * account, narrowed to a scope (some of that account's permissions), until it expires or is
 * revoked. The secret (`vdt_` + 32 random bytes) is shown once; the database keeps its SHA-256.
 * A token of a disabled account, or whose account lost a permission, loses it too: what a token
 * may do is worked out again at every request (the account's access now ∩ the scope).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Clock } from '../app/index.ts';
import { invalidArgument, notFound } from '../app/index.ts';
import { isStorageFullError } from '../db/index.ts';
import { isPermission, type Permission, type Principal } from '../permissions/index.ts';
import type { PrincipalAccessLoader } from './access-loaders.ts';
import { tokenHash } from './sessions.ts';
import type { AccountsDb, ApiTokenRow } from './tables.ts';

/** The secret's prefix: tells a Vedetta token apart in a configuration file or a leak scan. */
export const API_TOKEN_PREFIX = 'vdt_';
/** The longest a token may live. */
export const MAX_TOKEN_DAYS = 366;
/** `last_used_ms` is written at most this often per token. */
const LAST_USED_EVERY_MS = 60_000;
const DAY_MS = 86_400_000;

/** A token as lists show it (never the secret). */
export interface ApiToken {
  id: string;
  name: string;
  userId: string;
  username: string;
  agencyId: string;
  permissions: Permission[];
  createdMs: number;
  createdByName: string;
  expiresMs: number;
  lastUsedMs: number | null;
  revokedMs: number | null;
  revokedByName: string | null;
}

/** What it takes to make a token. */
export interface NewApiToken {
  name: string;
  userId: string;
  permissions: readonly string[];
  /** 1 to MAX_TOKEN_DAYS. */
  days: number;
  /** Who makes it (username). */
  createdByName: string;
  /** When set, the account must be of this agency (a partner's manager): else `not_found`. */
  agencyId?: string;
}

/** Makes, lists, revokes and resolves API tokens. */
export interface ApiTokenService {
  /** The new token and its secret (shown once). Throws `invalid_argument` / `not_found`. */
  create(input: NewApiToken): Promise<{ token: ApiToken; secret: string }>;
  /** Tokens of the accounts of `agencyId` (all agencies when null), newest first. */
  list(agencyId: string | null): Promise<ApiToken[]>;
  /** Throws `not_found`. */
  get(id: string): Promise<ApiToken>;
  /** Revokes at once (idempotent); throws `not_found`. */
  revoke(id: string, byName: string): Promise<ApiToken>;
  /**
   * The principal a secret acts as now (the account's access narrowed to the scope, marked with
   * the token), or undefined when unknown, expired, revoked or its account disabled.
   */
  resolve(secret: string): Promise<Principal | undefined>;
}

function parseScope(json: string): Permission[] {
  const parsed: unknown = JSON.parse(json);
  return Array.isArray(parsed)
    ? parsed.filter((p): p is Permission => typeof p === 'string' && isPermission(p))
    : [];
}

interface TokenWithUser extends ApiTokenRow {
  username: string;
  agency_id: string;
}

function toToken(row: TokenWithUser): ApiToken {
  return {
    id: row.id,
    name: row.name,
    userId: row.user_id,
    username: row.username,
    agencyId: row.agency_id,
    permissions: parseScope(row.permissions_json),
    createdMs: row.created_ms,
    createdByName: row.created_by_name,
    expiresMs: row.expires_ms,
    lastUsedMs: row.last_used_ms,
    revokedMs: row.revoked_ms,
    revokedByName: row.revoked_by_name,
  };
}

/** Creates the token service. */
export function createApiTokenService(deps: {
  db: AccountsDb;
  clock: Clock;
  principalAccess: PrincipalAccessLoader;
}): ApiTokenService {
  const { db, clock } = deps;
  const withUser = () =>
    db
      .selectFrom('api_tokens')
      .innerJoin('users', 'users.id', 'api_tokens.user_id')
      .selectAll('api_tokens')
      .select(['users.username', 'users.agency_id']);

  const service: ApiTokenService = {
    async create(input) {
      const name = input.name.trim();
      if (name.length < 1 || name.length > 100) {
        throw invalidArgument('name: must be 1 to 100 characters');
      }
      if (!Number.isInteger(input.days) || input.days < 1 || input.days > MAX_TOKEN_DAYS) {
        throw invalidArgument(`days: must be a whole number from 1 to ${MAX_TOKEN_DAYS}`);
      }
      const unknown = input.permissions.filter((p) => !isPermission(p));
      if (unknown.length > 0) throw invalidArgument(`permissions: unknown ${unknown.join(', ')}`);
      if (input.permissions.length === 0) {
        throw invalidArgument('permissions: name at least one permission');
      }
      const user = await db
        .selectFrom('users')
        .innerJoin('agencies', 'agencies.id', 'users.agency_id')
        .select(['users.id', 'users.role', 'users.agency_id', 'users.disabled', 'agencies.kind'])
        .where('users.id', '=', input.userId)
        .executeTakeFirst();
      if (!user || (input.agencyId !== undefined && user.agency_id !== input.agencyId)) {
        throw notFound(`user ${input.userId}`);
      }
      if (user.disabled === 1) throw invalidArgument('userId: the account is disabled');
      const now = clock.nowMs();
      const access = await deps.principalAccess(
        { userId: user.id, role: user.role, agencyId: user.agency_id, agencyKind: user.kind },
        now,
      );
      const beyond = input.permissions.filter((p) => !access?.permissions.has(p as Permission));
      if (beyond.length > 0) {
        throw invalidArgument(`permissions: the account does not hold ${beyond.join(', ')}`);
      }
      const secret = API_TOKEN_PREFIX + randomBytes(32).toString('base64url');
      const id = randomUUID();
      await db
        .insertInto('api_tokens')
        .values({
          id,
          name,
          user_id: user.id,
          token_hash: tokenHash(secret),
          permissions_json: JSON.stringify([...new Set(input.permissions)]),
          created_ms: now,
          created_by_name: input.createdByName,
          expires_ms: now + input.days * DAY_MS,
          last_used_ms: null,
          revoked_ms: null,
          revoked_by_name: null,
        })
        .execute();
      return { token: await service.get(id), secret };
    },

    async list(agencyId) {
      let q = withUser().orderBy('api_tokens.created_ms', 'desc');
      if (agencyId !== null) q = q.where('users.agency_id', '=', agencyId);
      return (await q.execute()).map(toToken);
    },

    async get(id) {
      const row = await withUser().where('api_tokens.id', '=', id).executeTakeFirst();
      if (!row) throw notFound(`API token ${id}`);
      return toToken(row);
    },

    async revoke(id, byName) {
      const token = await service.get(id);
      if (token.revokedMs !== null) return token;
      await db
        .updateTable('api_tokens')
        .set({ revoked_ms: clock.nowMs(), revoked_by_name: byName })
        .where('id', '=', id)
        .execute();
      return service.get(id);
    },

    async resolve(secret) {
      if (!secret.startsWith(API_TOKEN_PREFIX) || secret.length > 100) return undefined;
      const row = await db
        .selectFrom('api_tokens')
        .innerJoin('users', 'users.id', 'api_tokens.user_id')
        .innerJoin('agencies', 'agencies.id', 'users.agency_id')
        .selectAll('api_tokens')
        .select([
          'users.username',
          'users.display_name',
          'users.role',
          'users.disabled',
          'users.agency_id',
          'agencies.kind as agency_kind',
        ])
        .where('api_tokens.token_hash', '=', tokenHash(secret))
        .executeTakeFirst();
      const now = clock.nowMs();
      if (!row || row.revoked_ms !== null || now >= row.expires_ms || row.disabled === 1) {
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
      if (row.last_used_ms === null || now - row.last_used_ms >= LAST_USED_EVERY_MS) {
        // Only a convenience for the lists: a full storage does not refuse the request.
        await db
          .updateTable('api_tokens')
          .set({ last_used_ms: now })
          .where('id', '=', row.id)
          .execute()
          .catch((e: unknown) => {
            if (!isStorageFullError(e)) throw e;
          });
      }
      const scope = new Set(parseScope(row.permissions_json));
      return {
        userId: row.user_id,
        username: row.username,
        displayName: row.display_name,
        role: row.role,
        agencyId: row.agency_id,
        agencyKind: row.agency_kind,
        access: {
          ...access,
          permissions: new Set([...access.permissions].filter((p) => scope.has(p))),
          token: { id: row.id, name: row.name },
        },
      };
    },
  };
  return service;
}
