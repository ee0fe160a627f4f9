/**
 * Agencies: the police forces and offices that use Vedetta. The owner agency (the Polizia
 * Municipale) is created by the first migration; partners are added by administrators. The
 * agreements that give partners access come in their own module.
 */
import type { Clock } from '../app/index.ts';
import { AppError, invalidArgument, notFound } from '../app/index.ts';
import type { AccountsDb, AgencyRow } from './tables.ts';

/** The id of the owner agency seeded by the first migration. */
export const OWNER_AGENCY_ID = 'polizia-municipale';

/** An agency as the API shows it. */
export interface Agency {
  id: string;
  name: string;
  kind: 'owner' | 'partner';
}

const SLUG = /^[a-z0-9][a-z0-9-]{0,63}$/;

function toAgency(row: AgencyRow): Agency {
  return { id: row.id, name: row.name, kind: row.kind };
}

/** Reads and adds agencies. */
export interface AgencyService {
  list(): Promise<Agency[]>;
  /** Throws `not_found`. */
  get(id: string): Promise<Agency>;
  /** Adds a partner agency; throws `already_exists` or `invalid_argument`. */
  addPartner(input: { id: string; name: string }): Promise<Agency>;
  /** Sets an agency's name as given (the caller checks it); throws `not_found`. */
  setName(id: string, name: string): Promise<void>;
}

/** Creates the agency service. */
export function createAgencyService(deps: { db: AccountsDb; clock: Clock }): AgencyService {
  const { db, clock } = deps;
  return {
    async list() {
      const rows = await db.selectFrom('agencies').selectAll().orderBy('id').execute();
      return rows.map(toAgency);
    },
    async get(id) {
      const row = await db
        .selectFrom('agencies')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      if (!row) throw notFound(`agency ${id}`);
      return toAgency(row);
    },
    async addPartner({ id, name }) {
      if (!SLUG.test(id)) throw invalidArgument('id: must be a lower-case slug (a-z, 0-9, -)');
      if (name.trim() === '' || name.length > 200) {
        throw invalidArgument('name: must be 1 to 200 characters');
      }
      const existing = await db
        .selectFrom('agencies')
        .select('id')
        .where('id', '=', id)
        .executeTakeFirst();
      if (existing) throw new AppError('already_exists', `agency ${id} already exists`);
      const row: AgencyRow = { id, name: name.trim(), kind: 'partner', created_ms: clock.nowMs() };
      await db.insertInto('agencies').values(row).execute();
      return toAgency(row);
    },
    async setName(id, name) {
      const res = await db
        .updateTable('agencies')
        .set({ name })
        .where('id', '=', id)
        .executeTakeFirst();
      if (res.numUpdatedRows === 0n) throw notFound(`agency ${id}`);
    },
  };
}
