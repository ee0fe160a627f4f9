/**
 * Migration 0007 (statement v2): on a database at 0006, a signed v1 segment row survives the
 * migration with all its data; afterwards a complete row without a whole-file `sha256` is
 * accepted, while one without a signature (or chain digest) is still refused. On SQLite, where the
 * table is rebuilt, the table is the same apart from that CHECK, its indexes are back, foreign
 * keys are on again and segment ids are not reused.
 */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { VedettaDb } from '../../src/compose/schema.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { migrations } from '../../src/db/migrations/index.ts';
import type { SegmentRow } from '../../src/recording/tables.ts';
import { forEachDatabase } from '../support/databases.ts';

const before0007 = migrations.filter((m) => m.name < '0007');

type NewRow = Omit<SegmentRow, 'id'> & { id?: number };

function row(n: number, over: Partial<NewRow> = {}): NewRow {
  const start = 1_772_359_200_000 + n * 60_000;
  return {
    camera_id: 'cam-001',
    stream: 'main',
    path: `cam-001/main/2026/03/01/${start}.mp4`,
    start_ms: start,
    end_ms: start + 60_000,
    duration_90k: 5_400_000,
    size_bytes: 15_000_000,
    frame_count: 1500,
    codec: 'h264',
    codec_string: 'avc1.640028',
    width: 1920,
    height: 1080,
    state: 'complete',
    closed_by: 'writer',
    init_sha256: 'b'.repeat(64),
    sha256: 'a'.repeat(64),
    fragments_sha256: 'c'.repeat(64),
    signature: 'c2lnbmF0dXJl',
    key_fingerprint: 'd'.repeat(64),
    key_frames: Buffer.from([1, 2, 3]),
    fragments: Buffer.from([4, 5, 6, 7]),
    updated_ms: start + 61_000,
    ...over,
  };
}

const insert = (db: VedettaDb, r: NewRow) => db.insertInto('segments').values(r).execute();
const all = (db: VedettaDb) => db.selectFrom('segments').selectAll().orderBy('id').execute();

describe('migration 0007-segment-digest', () => {
  forEachDatabase((name, open) => {
    it('keeps v1 rows and accepts complete rows without a whole-file sha256', async () => {
      const db = await open({ migrate: false });
      await migrateToLatest(db, before0007);
      await insert(db, row(0));
      await insert(
        db,
        row(1, { state: 'writing', closed_by: null, sha256: null, signature: null }),
      );
      // Before the migration a complete row needs its file digest.
      await expect(insert(db, row(2, { sha256: null }))).rejects.toThrow();
      const v1 = await all(db);

      expect((await migrateToLatest(db))[0]).toBe('0007-segment-digest');
      expect(await all(db)).toEqual(v1);
      await insert(db, row(3, { sha256: null }));
      await expect(insert(db, row(4, { sha256: null, signature: null }))).rejects.toThrow();
      await expect(insert(db, row(5, { sha256: null, fragments_sha256: null }))).rejects.toThrow();
      await expect(insert(db, row(6, { sha256: null, closed_by: null }))).rejects.toThrow();
      await expect(insert(db, row(7, { sha256: null, key_fingerprint: null }))).rejects.toThrow();
      await expect(insert(db, row(8, { sha256: 'short' }))).rejects.toThrow();
      expect((await all(db)).map((r) => [r.start_ms, r.sha256])).toEqual([
        [row(0).start_ms, 'a'.repeat(64)],
        [row(1).start_ms, null],
        [row(3).start_ms, null],
      ]);
      // The rest of the table's rules still hold.
      await expect(insert(db, row(9, { sha256: null, end_ms: 1 }))).rejects.toThrow();
      await expect(insert(db, row(10, { path: row(0).path }))).rejects.toThrow();
      if (name === 'postgres') {
        const c = await sql<{ def: string }>`
          select pg_get_constraintdef(oid) as def from pg_constraint
          where conname = 'segments_complete_is_signed'`.execute(db);
        expect(c.rows).toHaveLength(1);
        const def = c.rows[0]?.def ?? '';
        expect(def).toContain('fragments_sha256 IS NOT NULL');
        expect(def).not.toMatch(/[^_]sha256 IS NOT NULL/);
      }
    });

    if (name !== 'sqlite') return;

    it('rebuilds the SQLite table identical but for the CHECK, with its indexes and ids', async () => {
      const db = await open({ migrate: false });
      await migrateToLatest(db, before0007);
      const schema = async () =>
        (
          await sql<{ type: string; name: string; sql: string | null }>`
            select type, name, sql from sqlite_master where tbl_name = 'segments'
            order by type, name`.execute(db)
        ).rows.map((r) => ({ ...r, sql: r.sql?.replace(/\s+/g, ' ') ?? null }));
      const old = await schema();
      await insert(db, row(0));
      await insert(db, row(1));
      await db.deleteFrom('segments').where('start_ms', '=', row(1).start_ms).execute();

      await migrateToLatest(db);
      const relaxed = old.map((r) => ({
        ...r,
        sql:
          r.sql?.replace(
            'closed_by is not null and sha256 is not null and',
            'closed_by is not null and',
          ) ?? null,
      }));
      expect(relaxed).not.toEqual(old);
      expect(await schema()).toEqual(relaxed);
      const fk = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db);
      expect(fk.rows[0]?.foreign_keys).toBe(1);
      // Id 2 was used (and deleted) before the rebuild: never given again.
      await insert(db, row(2, { sha256: null }));
      expect((await all(db)).map((r) => r.id)).toEqual([1, 3]);
    });
  });
});
