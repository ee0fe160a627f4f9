import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { appliedMigrations, migrateToLatest } from '../../src/db/migrate.ts';
import { migrations } from '../../src/db/migrations/index.ts';
import { forEachDatabase } from '../support/databases.ts';

describe('migrations', () => {
  forEachDatabase((_name, open) => {
    it('run from an empty database to the latest schema, once', async () => {
      const db = await open({ migrate: false });
      expect(await appliedMigrations(db)).toEqual([]);
      const applied = await migrateToLatest(db);
      expect(applied).toEqual(migrations.map((m) => m.name));
      expect(await migrateToLatest(db)).toEqual([]);
      expect(await appliedMigrations(db)).toEqual(migrations.map((m) => m.name));
    });

    it('seed the owner agency and allow only one owner', async () => {
      const db = await open();
      const owners = await db
        .selectFrom('agencies')
        .selectAll()
        .where('kind', '=', 'owner')
        .execute();
      expect(owners.map((a) => a.name)).toEqual(['Polizia Municipale']);
      await expect(
        db
          .insertInto('agencies')
          .values({ id: 'altro', name: 'Altro', kind: 'owner', created_ms: 1 })
          .execute(),
      ).rejects.toThrow();
    });

    it('return times as numbers and enforce CHECK constraints', async () => {
      const db = await open();
      const base = {
        id: 'cam-001',
        name: 'Piazza Verdi',
        main_url: 'rtsp://127.0.0.1/cam-001',
        sub_url: null,
        credentials_ref: null,
        codec_hint: null,
        latitude: 44.1,
        longitude: 9.82,
        address: 'Piazza Verdi',
        district: 'Centro',
        purpose: 'urban_security' as const,
        signage_status: 'placed' as const,
        signage_placed_on: '2025-03-01',
        retention_days: 3,
        retention_justification: null,
        enabled: 1,
        tags_json: '[]',
        created_ms: 1_767_225_600_000,
        updated_ms: 1_767_225_600_000,
      };
      await db.insertInto('cameras').values(base).execute();
      const row = await db.selectFrom('cameras').selectAll().executeTakeFirstOrThrow();
      expect(row.created_ms).toBe(1_767_225_600_000);
      const count = await db
        .selectFrom('cameras')
        .select(sql<number>`count(*)`.as('n'))
        .executeTakeFirstOrThrow();
      expect(count.n).toBe(1);
      const bad = [
        { id: 'c2', retention_days: 10, retention_justification: 'x', purpose: 'urban_security' },
        { id: 'c3', retention_days: 5, retention_justification: null, purpose: 'traffic' },
        { id: 'c4', latitude: 91 },
        { id: 'c5', signage_status: 'planned', signage_placed_on: '2025-01-01' },
        { id: 'c6', enabled: 2 },
      ] as const;
      for (const b of bad) {
        await expect(
          db
            .insertInto('cameras')
            .values({ ...base, ...b })
            .execute(),
        ).rejects.toThrow();
      }
    });
  });
});
