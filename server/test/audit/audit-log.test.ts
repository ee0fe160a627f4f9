import { spawn } from 'node:child_process';
import type { Schema } from '../../src/compose/schema.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/app/clock.ts';
import { AuditLog } from '../../src/audit/audit-log.ts';
import { readCheckpoints } from '../../src/audit/store.ts';
import { verifyStoredChain } from '../../src/audit/verify-store.ts';
import { openDatabase } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { loadOrCreateInstallationKey } from '../../src/keys/installation-key.ts';
import { forEachDatabase } from '../support/databases.ts';

const key = loadOrCreateInstallationKey(mkdtempSync(join(tmpdir(), 'vedetta-')));

const view = (i: number) =>
  ({
    action: 'live.start',
    outcome: 'granted',
    principal: { userId: `u${i % 3}`, username: `user${i % 3}`, agencyId: 'carabinieri' },
    sourceAddress: '10.0.0.1',
    cameraId: `cam-${i % 5}`,
  }) as const;

describe('AuditLog', () => {
  forEachDatabase((_name, open) => {
    it('chains a burst of concurrent records into contiguous, verifiable entries', async () => {
      const db = await open();
      const log = new AuditLog({ db, key, clock: new FakeClock(), checkpointEveryEntries: 100 });
      const entries = await Promise.all(Array.from({ length: 250 }, (_, i) => log.record(view(i))));
      expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: 250 }, (_, i) => i + 1));
      const report = await verifyStoredChain(db, key);
      expect(report).toMatchObject({ ok: true, entries: 250, lastSeq: 250 });
      expect(report.lastCheckpointSeq).toBeGreaterThanOrEqual(100);
      await log.close();
      expect((await verifyStoredChain(db, key)).lastCheckpointSeq).toBe(250);
    });

    it('keeps one chain when two appenders write at once', async () => {
      const db = await open();
      const clock = new FakeClock();
      const a = new AuditLog({ db, key, clock, maxBatch: 7 });
      const b = new AuditLog({ db, key, clock, maxBatch: 5 });
      await Promise.all(
        Array.from({ length: 120 }, (_, i) => (i % 2 === 0 ? a : b).record(view(i))),
      );
      expect(await verifyStoredChain(db, key)).toMatchObject({ ok: true, entries: 120 });
    });

    it('seals new entries with a checkpoint every period of the clock', async () => {
      const db = await open();
      const clock = new FakeClock();
      const log = new AuditLog({ db, key, clock, checkpointEveryMs: 60_000 });
      log.start();
      await log.record(view(1));
      await log.record(view(2));
      expect(await readCheckpoints(db)).toEqual([]);
      clock.advance(60_000);
      await log.flush();
      expect((await readCheckpoints(db)).map((c) => c.seq)).toEqual([2]);
      clock.advance(60_000); // nothing new: no checkpoint
      await log.flush();
      expect(await readCheckpoints(db)).toHaveLength(1);
      await log.record(view(3));
      clock.advance(60_000);
      await log.flush();
      expect((await readCheckpoints(db)).map((c) => c.seq)).toEqual([2, 3]);
      await log.close();
    });

    it('refuses malformed input naming the field, and anything after close', async () => {
      const db = await open();
      const log = new AuditLog({ db, key, clock: new FakeClock() });
      await expect(log.record({ action: 'bad', outcome: 'granted' })).rejects.toThrow(
        'audit action',
      );
      await log.close();
      await expect(log.record(view(1))).rejects.toThrow('closed');
    });

    it('is append-only: the database refuses UPDATE and DELETE on entries and checkpoints', async () => {
      const db = await open();
      const log = new AuditLog({ db, key, clock: new FakeClock() });
      await log.record(view(1));
      await log.close();
      await expect(
        db.updateTable('audit_entries').set({ reason: 'x' }).where('seq', '=', 1).execute(),
      ).rejects.toThrow(/append-only/);
      await expect(db.deleteFrom('audit_entries').execute()).rejects.toThrow(/append-only/);
      await expect(db.deleteFrom('audit_checkpoints').execute()).rejects.toThrow(/append-only/);
      await expect(
        db.updateTable('audit_checkpoints').set({ time_ms: 1 }).execute(),
      ).rejects.toThrow(/append-only/);
      const n = await db
        .selectFrom('audit_entries')
        .select(sql<number>`count(*)`.as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(n.n)).toBe(1);
    });
  });

  it('keeps one chain when two processes append to the same SQLite file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vedetta-'));
    const file = join(dir, 'v.sqlite');
    const keyDir = join(dir, 'keys');
    const db = await openDatabase<Schema>({ kind: 'sqlite', path: file });
    try {
      await migrateToLatest(db);
      const localKey = loadOrCreateInstallationKey(keyDir);
      const child = spawn(
        process.execPath,
        ['server/bin/run-ts.mjs', 'server/test/audit/fixtures/append.ts', file, keyDir, '80'],
        { stdio: ['ignore', 'ignore', 'pipe'] },
      );
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
      const log = new AuditLog({ db, key: localKey, clock: new FakeClock(), maxBatch: 4 });
      for (let i = 0; i < 80; i++) await log.record(view(i));
      await log.close();
      expect(await exited, stderr).toBe(0);
      expect(await verifyStoredChain(db, localKey)).toMatchObject({ ok: true, entries: 160 });
    } finally {
      await db.destroy();
    }
  });
});
