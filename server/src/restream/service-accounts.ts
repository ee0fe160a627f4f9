/**
 * Service accounts of the re-stream: the user name and password a partner agency's video
 * management system signs in with over RTSP (Digest). Only HA1 = MD5(name:realm:password) is
 * stored, so the password is never kept; HA1 is bound to the realm of the day it was made (a
 * realm change makes old accounts unusable, and they are refused with a log line saying why).
 * Disabling is final: a leaked password is replaced by a new account.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../app/index.ts';
import { AppError, invalidArgument, notFound } from '../app/index.ts';
import { agencyExists, passwordRefusal, type AccountsDb } from '../accounts/index.ts';
import { digestHa1 } from '../media/index.ts';
import type { RestreamAccountRow, RestreamDb } from './tables.ts';

/** A service account as the module uses it (no HA1 outside this file and the authenticator). */
export interface ServiceAccount {
  id: string;
  name: string;
  agencyId: string;
  createdMs: number;
  /** When it was disabled, UTC ms; null while it may sign in. */
  disabledMs: number | null;
}

/** What the authenticator needs of an account: it and its Digest HA1 for a realm. */
export interface ServiceAccountSecret {
  account: ServiceAccount;
  realm: string;
  ha1: string;
}

/** Creating an account. */
export interface NewServiceAccount {
  name: string;
  agencyId: string;
  password: string;
}

/** The service-account store. */
export interface ServiceAccounts {
  /** Creates an account; `invalid_argument` naming the field, `already_exists` for a taken name. */
  add(input: NewServiceAccount): Promise<ServiceAccount>;
  /** Every account, by name. */
  list(): Promise<ServiceAccount[]>;
  /** The account of that name, or undefined. */
  find(name: string): Promise<ServiceAccount | undefined>;
  /** The account with its HA1, for Digest verification; undefined when unknown. */
  secretOf(name: string): Promise<ServiceAccountSecret | undefined>;
  /** Gives the account a new password (HA1 for today's realm); `not_found` if unknown. */
  setPassword(name: string, password: string): Promise<void>;
  /** Disables the account of that name (no-op if already); `not_found` if unknown. */
  disable(name: string): Promise<ServiceAccount>;
}

/** What names look like: 1-64 of a-z 0-9 . _ -, starting with a letter or digit. */
export const SERVICE_ACCOUNT_NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;

function accountOf(row: RestreamAccountRow): ServiceAccount {
  return {
    id: row.id,
    name: row.name,
    agencyId: row.agency_id,
    createdMs: Number(row.created_ms),
    disabledMs: row.disabled_ms === null ? null : Number(row.disabled_ms),
  };
}

function checkPassword(name: string, password: string): void {
  const refusal = passwordRefusal(password, { username: name });
  if (refusal !== undefined) {
    // `reason` as people's passwords have it (the web says it in the user's words).
    throw invalidArgument(`restream account password refused: ${refusal}`, {
      key: 'password',
      reason: refusal,
      refusal,
    });
  }
}

/** Creates the store over the module's table; `realm` is `restream.realm` of the configuration. */
export function createServiceAccounts(deps: {
  db: RestreamDb;
  accountsDb: AccountsDb;
  clock: Clock;
  realm: string;
}): ServiceAccounts {
  const { db, clock, realm } = deps;
  const byName = (name: string) =>
    db.selectFrom('restream_accounts').selectAll().where('name', '=', name).executeTakeFirst();

  return {
    async add(input) {
      const name = input.name.trim().toLowerCase();
      if (!SERVICE_ACCOUNT_NAME.test(name)) {
        throw invalidArgument(
          'restream account name: 1 to 64 of a-z 0-9 . _ -, starting with a letter or digit',
          { key: 'name' },
        );
      }
      if (!(await agencyExists(deps.accountsDb, input.agencyId))) {
        throw invalidArgument(`restream account agency: no agency ${input.agencyId}`, {
          key: 'agency',
        });
      }
      checkPassword(name, input.password);
      if ((await byName(name)) !== undefined) {
        throw new AppError('already_exists', `restream account ${name} already exists`);
      }
      const row: RestreamAccountRow = {
        id: randomUUID(),
        name,
        agency_id: input.agencyId,
        digest_realm: realm,
        digest_ha1: digestHa1('MD5', name, realm, input.password),
        created_ms: clock.nowMs(),
        disabled_ms: null,
      };
      await db.insertInto('restream_accounts').values(row).execute();
      return accountOf(row);
    },

    async list() {
      const rows = await db.selectFrom('restream_accounts').selectAll().orderBy('name').execute();
      return rows.map(accountOf);
    },

    async find(name) {
      const row = await byName(name);
      return row === undefined ? undefined : accountOf(row);
    },

    async secretOf(name) {
      const row = await byName(name);
      if (row === undefined) return undefined;
      return { account: accountOf(row), realm: row.digest_realm, ha1: row.digest_ha1 };
    },

    async setPassword(name, password) {
      const row = await byName(name);
      if (row === undefined) throw notFound(`restream account ${name}`);
      checkPassword(row.name, password);
      await db
        .updateTable('restream_accounts')
        .set({ digest_realm: realm, digest_ha1: digestHa1('MD5', row.name, realm, password) })
        .where('id', '=', row.id)
        .execute();
    },

    async disable(name) {
      const row = await byName(name.trim().toLowerCase());
      if (row === undefined) throw notFound(`restream account ${name}`);
      if (row.disabled_ms === null) {
        const now = Math.max(clock.nowMs(), Number(row.created_ms));
        await db
          .updateTable('restream_accounts')
          .set({ disabled_ms: now })
          .where('id', '=', row.id)
          .execute();
        return accountOf({ ...row, disabled_ms: now });
      }
      return accountOf(row);
    },
  };
}
