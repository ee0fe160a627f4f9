/**
 * Migrating step by step gives the same schema as migrating in one go: one database goes to
 * migration 1, is closed and reopened, goes to 2, ... up to the latest (as a deployment that
 * upgraded release after release did); another runs every migration at once (a new
 * installation). Their normalised schema dumps must be equal, and so must that of a test database
 * copied from the PostgreSQL template (what `open()` gives), on which migrating is a no-op.
 */
import { describe, expect, it } from 'vitest';
import type { VedettaDb } from '../../src/compose/schema.ts';
import { appliedMigrations, migrateTo, migrateToLatest } from '../../src/db/migrate.ts';
import { migrations } from '../../src/db/migrations/index.ts';
import { forEachDatabase, type TestDatabase } from '../support/databases.ts';
import { schemaDump, tablesOf, type SchemaDump } from './schema-dump.ts';

/** The tables the migrations create as of 0007: a floor, so that an empty dump cannot pass. */
const TABLES_AS_OF_0007 = [
  'agencies',
  'agreement_cameras',
  'agreement_groups',
  'agreement_permissions',
  'agreements',
  'audit_append_lock',
  'audit_checkpoints',
  'audit_entries',
  'camera_group_members',
  'camera_groups',
  'camera_register',
  'cameras',
  'deletion_journal',
  'export_custody',
  'exports',
  'gaps',
  'legal_hold_cameras',
  'legal_holds',
  'login_attempts',
  'mask_lifts',
  'privacy_masks',
  'recording_periods',
  'retention_runs',
  'role_permissions',
  'roles',
  'segments',
  'sessions',
  'users',
];

async function dumpOf(target: TestDatabase): Promise<{ dump: SchemaDump; tables: string[] }> {
  const db = await target.connect();
  try {
    const dump = await schemaDump(db);
    const tables = (await db.introspection.getTables()).map((t) => t.name);
    return { dump, tables };
  } finally {
    await db.destroy();
  }
}

async function withConnection<T>(
  target: TestDatabase,
  body: (db: VedettaDb) => Promise<T>,
): Promise<T> {
  const db = await target.connect();
  try {
    return await body(db);
  } finally {
    await db.destroy();
  }
}

describe('migrations, step by step and in one go', () => {
  forEachDatabase((name, _open, create) => {
    it('give the same schema', async () => {
      const stepwise = await create({ migrate: false });
      for (let step = 1; step <= migrations.length; step++) {
        const applied = await withConnection(stepwise, (db) => migrateTo(db, step));
        expect(applied).toEqual([migrations[step - 1]?.name]);
      }
      const direct = await create({ migrate: false });
      const all = migrations.map((m) => m.name);
      expect(await withConnection(direct, (db) => migrateToLatest(db))).toEqual(all);

      const a = await dumpOf(stepwise);
      const b = await dumpOf(direct);
      expect(a.dump).toEqual(b.dump);

      // Not vacuous: every table is in the dump, and so are those of today's migrations.
      expect(a.tables.length).toBeGreaterThanOrEqual(TABLES_AS_OF_0007.length);
      expect(tablesOf(a.dump)).toEqual(expect.arrayContaining([...a.tables, ...TABLES_AS_OF_0007]));
      for (const [kind, lines] of Object.entries(a.dump)) {
        if (kind === 'views') continue;
        expect(lines.length, `${name} ${kind}`).toBeGreaterThan(0);
      }
    });

    it('copies the latest schema into a migrated test database, where migrating is a no-op', async () => {
      const migrated = await create();
      const direct = await create({ migrate: false });
      await withConnection(direct, (db) => migrateToLatest(db));
      await withConnection(migrated, async (db) => {
        expect(await appliedMigrations(db)).toEqual(migrations.map((m) => m.name));
        expect(await migrateToLatest(db)).toEqual([]);
      });
      expect((await dumpOf(migrated)).dump).toEqual((await dumpOf(direct)).dump);
    });
  });
});
