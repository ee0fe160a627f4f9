/**
 * Accounts as administrators manage them: the owner agency's administrators manage every
 * account; a partner agency's user with `user.manage` manages only their own agency's accounts
 * (anything else is refused as if it did not exist). Creation, role changes, display names,
 * disabling and password resets are audited (never the password) and notify access subscribers.
 */
import type { Clock } from '../app/index.ts';
import { failedPrecondition, invalidArgument, isAppError } from '../app/index.ts';
import type { User, UserService } from '../accounts/index.ts';
import type { AuditRecorder } from '../audit/index.ts';
import type { AccessDb } from './tables.ts';
import type { AccessEvents } from './access-events.ts';
import type { Actor, Grant } from '../permissions/index.ts';
import { AccessDenied } from '../permissions/index.ts';
import { loadRole } from './principal-access.ts';

/** A change to an account; absent fields stay as they are. */
export interface UserPatch {
  displayName?: string | undefined;
  role?: string | undefined;
  disabled?: boolean | undefined;
  password?: string | undefined;
}

/** What it takes to create an account. */
export interface UserCreate {
  username: string;
  password: string;
  role: string;
  agencyId: string;
  displayName?: string | undefined;
}

/** Administrative operations on accounts. */
export interface UserAdmin {
  list(actor: Actor, grant: Grant): Promise<User[]>;
  get(actor: Actor, grant: Grant, id: string): Promise<User>;
  create(actor: Actor, grant: Grant, input: UserCreate): Promise<User>;
  update(actor: Actor, grant: Grant, id: string, patch: UserPatch): Promise<User>;
}

const deny = (id: string): AccessDenied =>
  new AccessDenied({
    required: ['user.manage'],
    cameraId: null,
    resource: `user:${id}`,
    fromMs: null,
    reason: 'agency_lacks_right',
  });

/** Creates the account administration. */
export function createUserAdmin(deps: {
  db: AccessDb;
  clock: Clock;
  audit: AuditRecorder;
  events: AccessEvents;
  users: UserService;
}): UserAdmin {
  const { db, clock, audit, events, users } = deps;

  async function reachable(actor: Actor, grant: Grant, id: string): Promise<User> {
    try {
      const u = await users.get(id);
      if (grant.scope !== 'installation' && u.agencyId !== actor.principal.agencyId) throw deny(id);
      return u;
    } catch (e) {
      if (grant.scope !== 'installation' && isAppError(e, 'not_found')) throw deny(id);
      throw e;
    }
  }

  const record = (actor: Actor, action: string, u: User, details: Record<string, unknown>) =>
    audit.record({
      action,
      outcome: 'granted',
      principal: actor.principal,
      sourceAddress: actor.sourceAddress,
      resource: `user:${u.id}`,
      details: { username: u.username, agencyId: u.agencyId, ...details },
    });

  return {
    async list(actor, grant) {
      const all = await users.list();
      return grant.scope === 'installation'
        ? all
        : all.filter((u) => u.agencyId === actor.principal.agencyId);
    },
    get: reachable,
    async create(actor, grant, input) {
      if (grant.scope !== 'installation' && input.agencyId !== actor.principal.agencyId) {
        throw deny(`new:${input.username}`);
      }
      const u = await users.create(input);
      await record(actor, 'user.create', u, { role: u.role, displayName: u.displayName });
      return u;
    },
    async update(actor, grant, id, patch) {
      const before = await reachable(actor, grant, id);
      const changes: Record<string, unknown> = {};
      if (patch.role !== undefined && patch.role !== before.role) {
        if (!(await loadRole(db, patch.role)))
          throw invalidArgument(`role: ${patch.role} is not a role`);
        changes['role'] = { from: before.role, to: patch.role };
      }
      if (patch.displayName !== undefined && patch.displayName.trim() !== before.displayName) {
        const name = patch.displayName.trim();
        if (name.length < 1 || name.length > 200)
          throw invalidArgument('displayName: 1 to 200 characters');
        changes['displayName'] = { from: before.displayName, to: name };
      }
      if (patch.disabled !== undefined && patch.disabled !== before.disabled) {
        if (patch.disabled && id === actor.principal.userId) {
          throw failedPrecondition('you cannot disable your own account');
        }
        changes['disabled'] = patch.disabled;
      }
      if (patch.password !== undefined) {
        await users.setPassword(id, patch.password);
        changes['password'] = 'reset';
      }
      const profile: { role?: string; displayName?: string } = {};
      if (changes['role'] !== undefined && patch.role !== undefined) profile.role = patch.role;
      if (changes['displayName'] !== undefined && patch.displayName !== undefined) {
        profile.displayName = patch.displayName.trim();
      }
      await users.setProfile(id, profile);
      if (patch.disabled !== undefined && changes['disabled'] !== undefined) {
        await users.setDisabled(id, patch.disabled);
      }
      const after = await users.get(id);
      if (Object.keys(changes).length > 0) {
        await record(actor, 'user.update', after, { changes });
        events.emit({ reason: 'user_changed', userId: id, atMs: clock.nowMs() });
      }
      return after;
    },
  };
}
