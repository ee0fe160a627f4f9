/**
 * Named personal accounts. Usernames are stored lower-cased; passwords only as argon2id hashes.
 * Accounts are disabled rather than deleted, so that the audit log keeps pointing at someone.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../app/index.ts';
import { AppError, invalidArgument, notFound } from '../app/index.ts';
import type { RoleExists } from './access-loaders.ts';
import type { AccountsDb, UserRow } from './tables.ts';
import { DEFAULT_HASHING, hashPassword, type HashingParams } from './passwords.ts';
import { checkNewPassword } from './password-policy.ts';

/** A user as the API shows it (never the hash). */
export interface User {
  id: string;
  username: string;
  displayName: string;
  /** Built-in or custom role name. */
  role: string;
  agencyId: string;
  disabled: boolean;
  createdMs: number;
}

/** What it takes to create an account. */
export interface NewUser {
  username: string;
  password: string;
  role: string;
  agencyId: string;
  displayName?: string;
}

const USERNAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/** Lower-cases and trims a username as typed. */
export function normalizeUsername(username: string): string {
  return username.trim().toLowerCase();
}

/** Converts a row (whose role the service wrote) into the API shape. */
export function toUser(row: UserRow): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    agencyId: row.agency_id,
    disabled: row.disabled === 1,
    createdMs: row.created_ms,
  };
}

/** Creates, reads and changes accounts. */
export interface UserService {
  /** Throws `invalid_argument`, `already_exists`, or `not_found` for the agency. */
  create(input: NewUser): Promise<User>;
  /** Throws `not_found`. */
  get(id: string): Promise<User>;
  findByUsername(username: string): Promise<User | undefined>;
  list(): Promise<User[]>;
  /** Throws `not_found`, or `invalid_argument` for a refused password (`password-policy.ts`). */
  setPassword(id: string, password: string): Promise<void>;
  setDisabled(id: string, disabled: boolean): Promise<void>;
  /**
   * Sets the role and/or display name given, as given (the caller checks that the role exists
   * and trims the name), and `updated_ms`; does nothing when neither is given. Throws
   * `not_found`.
   */
  setProfile(id: string, profile: { role?: string; displayName?: string }): Promise<void>;
}

/** Creates the user service. */
export function createUserService(deps: {
  db: AccountsDb;
  clock: Clock;
  hashing?: HashingParams;
  /** Whether a role exists (the access module's roles). */
  roleExists: RoleExists;
}): UserService {
  const { db, clock } = deps;
  const hashing = deps.hashing ?? DEFAULT_HASHING;

  async function update(id: string, values: Partial<UserRow>): Promise<void> {
    const res = await db
      .updateTable('users')
      .set({ ...values, updated_ms: clock.nowMs() })
      .where('id', '=', id)
      .executeTakeFirst();
    if (res.numUpdatedRows === 0n) throw notFound(`user ${id}`);
  }

  return {
    async create(input) {
      const username = normalizeUsername(input.username);
      if (!USERNAME.test(username)) {
        throw invalidArgument('username: must be 1 to 64 characters: letters, digits, . _ -');
      }
      if (!(await deps.roleExists(input.role))) {
        throw invalidArgument(`role: ${input.role} is not a role`);
      }
      const displayName = (input.displayName ?? username).trim();
      checkNewPassword(input.password, { username, displayName });
      if (displayName.length > 200)
        throw invalidArgument('displayName: must be at most 200 characters');
      const agency = await db
        .selectFrom('agencies')
        .select('id')
        .where('id', '=', input.agencyId)
        .executeTakeFirst();
      if (!agency) throw invalidArgument(`agencyId: agency ${input.agencyId} does not exist`);
      if (await this.findByUsername(username)) {
        throw new AppError('already_exists', `user ${username} already exists`);
      }
      const now = clock.nowMs();
      const row: UserRow = {
        id: randomUUID(),
        username,
        display_name: displayName === '' ? username : displayName,
        password_hash: await hashPassword(input.password, hashing),
        role: input.role,
        agency_id: input.agencyId,
        disabled: 0,
        created_ms: now,
        updated_ms: now,
      };
      await db.insertInto('users').values(row).execute();
      return toUser(row);
    },
    async get(id) {
      const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) throw notFound(`user ${id}`);
      return toUser(row);
    },
    async findByUsername(username) {
      const row = await db
        .selectFrom('users')
        .selectAll()
        .where('username', '=', normalizeUsername(username))
        .executeTakeFirst();
      return row ? toUser(row) : undefined;
    },
    async list() {
      const rows = await db.selectFrom('users').selectAll().orderBy('username').execute();
      return rows.map(toUser);
    },
    async setPassword(id, password) {
      const user = await this.get(id);
      checkNewPassword(password, { username: user.username, displayName: user.displayName });
      await update(id, { password_hash: await hashPassword(password, hashing) });
      await db.deleteFrom('sessions').where('user_id', '=', id).execute();
    },
    async setDisabled(id, disabled) {
      await update(id, { disabled: disabled ? 1 : 0 });
      if (disabled) await db.deleteFrom('sessions').where('user_id', '=', id).execute();
    },
    async setProfile(id, { role, displayName }) {
      const values: Partial<UserRow> = {};
      if (role !== undefined) values.role = role;
      if (displayName !== undefined) values.display_name = displayName;
      if (Object.keys(values).length > 0) await update(id, values);
    },
  };
}
