/**
 * Roles: the four built-in ones (read-only) and custom ones stored in the database. A custom role
 * is a name, a description, a set of permissions and an optional playback look-back limit.
 * Every change is audited and notifies access subscribers; a role still held by users cannot be
 * deleted.
 */
import { AppError, failedPrecondition, invalidArgument, notFound } from '../app/index.ts';
import type { Clock } from '../app/index.ts';
import type { AuditRecorder } from '../audit/index.ts';
import { someUsernameWithRole, type AccountsDb } from '../accounts/index.ts';
import type { AccessDb } from './tables.ts';
import type { AccessEvents } from './access-events.ts';
import type { Actor } from '../permissions/index.ts';
import {
  BUILTIN_ROLES,
  type RoleDefinition,
  PERMISSIONS,
  isPermission,
  type Permission,
} from '../permissions/index.ts';
import { loadRole } from './principal-access.ts';

/** A role as the API shows it. */
export interface RoleView {
  name: string;
  description: string;
  permissions: Permission[];
  playbackLookbackMs: number | null;
  builtIn: boolean;
}

/** What it takes to create or replace a custom role. */
export interface RoleInput {
  name: string;
  description?: string | undefined;
  permissions: readonly string[];
  playbackLookbackMs?: number | null | undefined;
}

/** Manages roles. */
export interface RoleService {
  list(): Promise<RoleView[]>;
  get(name: string): Promise<RoleView>;
  create(actor: Actor, input: RoleInput): Promise<RoleView>;
  update(actor: Actor, name: string, input: Omit<RoleInput, 'name'>): Promise<RoleView>;
  remove(actor: Actor, name: string): Promise<void>;
}

const NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;
const MAX_LOOKBACK_MS = 366 * 24 * 3_600_000;

function view(r: RoleDefinition): RoleView {
  return {
    name: r.name,
    description: r.description,
    permissions: PERMISSIONS.filter((p) => r.permissions.has(p)),
    playbackLookbackMs: r.playbackLookbackMs,
    builtIn: r.builtIn,
  };
}

function checkTerms(input: Omit<RoleInput, 'name'>): {
  perms: Permission[];
  lookback: number | null;
} {
  const unknown = input.permissions.filter((p) => !isPermission(p));
  if (unknown.length > 0) throw invalidArgument(`permissions: unknown ${unknown.join(', ')}`);
  const perms = PERMISSIONS.filter((p) => input.permissions.includes(p));
  const lookback = input.playbackLookbackMs ?? null;
  if (
    lookback !== null &&
    (!Number.isInteger(lookback) || lookback < 60_000 || lookback > MAX_LOOKBACK_MS)
  ) {
    throw invalidArgument(
      'playbackLookbackMs: must be null or an integer from 60000 (1 minute) to one year',
    );
  }
  if ((input.description ?? '').length > 500)
    throw invalidArgument('description: at most 500 characters');
  return { perms, lookback };
}

/** Creates the role service. */
export function createRoleService(deps: {
  db: AccessDb;
  /** The accounts' handle (the same database): whether users still hold a role. */
  accountsDb: AccountsDb;
  clock: Clock;
  audit: AuditRecorder;
  events: AccessEvents;
}): RoleService {
  const { db, accountsDb, clock, audit, events } = deps;

  async function get(name: string): Promise<RoleView> {
    const r = await loadRole(db, name);
    if (!r) throw notFound(`role ${name}`);
    return view(r);
  }

  async function writePermissions(tx: AccessDb, name: string, perms: Permission[]): Promise<void> {
    await tx.deleteFrom('role_permissions').where('role_name', '=', name).execute();
    if (perms.length > 0) {
      await tx
        .insertInto('role_permissions')
        .values(perms.map((permission) => ({ role_name: name, permission })))
        .execute();
    }
  }

  const record = (actor: Actor, action: string, name: string, details: Record<string, unknown>) =>
    audit.record({
      action,
      outcome: 'granted',
      principal: actor.principal,
      sourceAddress: actor.sourceAddress,
      resource: `role:${name}`,
      details,
    });

  return {
    async list() {
      const custom = await db.selectFrom('roles').select('name').orderBy('name').execute();
      const out = [...BUILTIN_ROLES.values()].map(view);
      for (const { name } of custom) out.push(await get(name));
      return out;
    },
    get,
    async create(actor, input) {
      if (!NAME.test(input.name)) {
        throw invalidArgument('name: 1 to 64 characters: lower-case letters, digits, . _ -');
      }
      if (BUILTIN_ROLES.has(input.name) || (await loadRole(db, input.name))) {
        throw new AppError('already_exists', `role ${input.name} already exists`);
      }
      const { perms, lookback } = checkTerms(input);
      const now = clock.nowMs();
      await db.transaction().execute(async (tx) => {
        await tx
          .insertInto('roles')
          .values({
            name: input.name,
            description: input.description ?? '',
            playback_lookback_ms: lookback,
            created_ms: now,
            updated_ms: now,
          })
          .execute();
        if (perms.length > 0) {
          await tx
            .insertInto('role_permissions')
            .values(perms.map((permission) => ({ role_name: input.name, permission })))
            .execute();
        }
      });
      await record(actor, 'role.create', input.name, {
        permissions: perms,
        playbackLookbackMs: lookback,
      });
      return get(input.name);
    },
    async update(actor, name, input) {
      if (BUILTIN_ROLES.has(name))
        throw failedPrecondition(`role ${name} is built in and cannot be changed`);
      await get(name);
      const { perms, lookback } = checkTerms(input);
      await db.transaction().execute(async (tx) => {
        await tx
          .updateTable('roles')
          .set({
            description: input.description ?? '',
            playback_lookback_ms: lookback,
            updated_ms: clock.nowMs(),
          })
          .where('name', '=', name)
          .execute();
        await writePermissions(tx, name, perms);
      });
      await record(actor, 'role.update', name, {
        permissions: perms,
        playbackLookbackMs: lookback,
      });
      events.emit({ reason: 'role_changed', role: name, atMs: clock.nowMs() });
      return get(name);
    },
    async remove(actor, name) {
      if (BUILTIN_ROLES.has(name))
        throw failedPrecondition(`role ${name} is built in and cannot be deleted`);
      await get(name);
      const holder = await someUsernameWithRole(accountsDb, name);
      if (holder !== undefined)
        throw failedPrecondition(`role ${name} is still held by users (e.g. ${holder})`);
      await db.deleteFrom('roles').where('name', '=', name).execute();
      await record(actor, 'role.delete', name, {});
      events.emit({ reason: 'role_changed', role: name, atMs: clock.nowMs() });
    },
  };
}
