/**
 * Accounts as administrators manage them: the owner agency's administrators manage every
 * account; a partner agency's user with `user.manage` manages only their own agency's accounts
 * (anything else is refused as if it did not exist). Creation, role changes, display names,
 * disabling and password resets are audited (never the password) and notify access subscribers.
 * Each account comes with how its sign-in stands (failures, waits, guessing), and an
 * administrator may unlock it: its waits end and its guessing alarm clears (audited).
 */
import type { Clock } from '../app/index.ts';
import { failedPrecondition, invalidArgument, isAppError } from '../app/index.ts';
import type { LoginService, SignInState, User, UserService } from '../accounts/index.ts';
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

/** An account as its administrators see it: with how its sign-in stands. */
export interface ManagedUser extends User {
  signIn: SignInState;
}

/** Administrative operations on accounts. */
export interface UserAdmin {
  list(actor: Actor, grant: Grant): Promise<ManagedUser[]>;
  get(actor: Actor, grant: Grant, id: string): Promise<ManagedUser>;
  create(actor: Actor, grant: Grant, input: UserCreate): Promise<ManagedUser>;
  update(actor: Actor, grant: Grant, id: string, patch: UserPatch): Promise<ManagedUser>;
  /** Ends the waits after failed logins of the account, from every address; audited. */
  unlock(actor: Actor, grant: Grant, id: string): Promise<ManagedUser>;
}

const NOTHING_COUNTED: SignInState = { failedAttempts: 0, delayedUntilMs: null, guessed: false };

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
  /** The login service: sign-in states and unlock. */
  login: LoginService;
}): UserAdmin {
  const { db, clock, audit, events, users, login } = deps;

  async function managed(list: User[]): Promise<ManagedUser[]> {
    const states = await login.signInStates(list.map((u) => u.username));
    return list.map((u) => ({ ...u, signIn: states.get(u.username) ?? NOTHING_COUNTED }));
  }
  const managedOne = async (u: User): Promise<ManagedUser> =>
    (await managed([u]))[0] ?? { ...u, signIn: NOTHING_COUNTED };

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
      return managed(
        grant.scope === 'installation'
          ? all
          : all.filter((u) => u.agencyId === actor.principal.agencyId),
      );
    },
    get: async (actor, grant, id) => managedOne(await reachable(actor, grant, id)),
    async create(actor, grant, input) {
      if (grant.scope !== 'installation' && input.agencyId !== actor.principal.agencyId) {
        throw deny(`new:${input.username}`);
      }
      const u = await users.create(input);
      await record(actor, 'user.create', u, { role: u.role, displayName: u.displayName });
      return managedOne(u);
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
      return managedOne(after);
    },
    async unlock(actor, grant, id) {
      const u = await reachable(actor, grant, id);
      const before = await managedOne(u);
      const cleared = await login.unlock(u.username);
      await record(actor, 'user.unlock', u, {
        clearedFailures: cleared,
        delayedUntilMs: before.signIn.delayedUntilMs,
      });
      return managedOne(u);
    },
  };
}
