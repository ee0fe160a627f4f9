/**
 * Reads of the accounts tables for the access module (which sits above accounts and may not
 * query `users` or `agencies` itself): the owner agency, whether an agency exists, what an
 * account's access rests on, who holds a role, and the users' change stamp for access's watch.
 * Same queries on SQLite and PostgreSQL.
 */
import type { AccountsDb } from './tables.ts';
import type { Agency } from './agencies.ts';

/** The owner agency's id (the one agency of kind `owner`); '' when there is none. */
export async function ownerAgencyId(db: AccountsDb): Promise<string> {
  const row = await db
    .selectFrom('agencies')
    .select('id')
    .where('kind', '=', 'owner')
    .executeTakeFirst();
  return row?.id ?? '';
}

/** True when an agency of that id exists. */
export async function agencyExists(db: AccountsDb, id: string): Promise<boolean> {
  const row = await db.selectFrom('agencies').select('id').where('id', '=', id).executeTakeFirst();
  return row !== undefined;
}

/** What an account's access rests on now: its role, its agency and that agency's kind. */
export interface AccountStanding {
  role: string;
  agencyId: string;
  agencyKind: Agency['kind'];
  disabled: boolean;
}

/** The standing of the account `userId` (one query); undefined when there is no such account. */
export async function accountStanding(
  db: AccountsDb,
  userId: string,
): Promise<AccountStanding | undefined> {
  const row = await db
    .selectFrom('users')
    .innerJoin('agencies', 'agencies.id', 'users.agency_id')
    .select(['users.role', 'users.agency_id', 'users.disabled', 'agencies.kind'])
    .where('users.id', '=', userId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    role: row.role,
    agencyId: row.agency_id,
    agencyKind: row.kind,
    disabled: row.disabled === 1,
  };
}

/** The username of some account (any one) holding `role`; undefined when none holds it. */
export async function someUsernameWithRole(
  db: AccountsDb,
  role: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('users')
    .select('username')
    .where('role', '=', role)
    .executeTakeFirst();
  return row?.username;
}

/**
 * The users' change stamp: the latest `updated_ms` (null when there are no users) and how many
 * there are. It differs whenever an account is added or changed (role, name, disabled, password).
 */
export async function usersChangeStamp(
  db: AccountsDb,
): Promise<{ latestUpdatedMs: number | null; count: number }> {
  const row = await db
    .selectFrom('users')
    .select((eb) => [eb.fn.max('updated_ms').as('t'), eb.fn.countAll().as('n')])
    .executeTakeFirst();
  return {
    latestUpdatedMs: row?.t === null || row?.t === undefined ? null : Number(row.t),
    count: Number(row?.n),
  };
}
