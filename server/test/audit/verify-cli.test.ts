import { spawnSync } from 'node:child_process';
import type { Schema } from '../../src/compose/schema.ts';
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/app/clock.ts';
import { AuditLog } from '../../src/audit/audit-log.ts';
import { createAuditWitness } from '../../src/audit/witness.ts';
import { AUDIT_WITNESS_FILE, FileWitness } from '../../src/audit/witness-file.ts';
import { entryHash } from '../../src/audit/entry.ts';
import { entryFromRow } from '../../src/audit/store.ts';
import type { AuditEntryRow } from '../../src/audit/tables.ts';
import { openDatabase } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { loadOrCreateInstallationKey } from '../../src/keys/installation-key.ts';

const VEDETTA = 'server/bin/vedetta.mjs';
let source: string;

/** A fresh installation folder holding a copy of the intact trail. */
function installation(): string {
  const dir = mkdtempSync(join(tmpdir(), 'vedetta-'));
  copyFileSync(join(source, 'vedetta.sqlite'), join(dir, 'vedetta.sqlite'));
  mkdirSync(join(dir, 'keys'));
  for (const f of ['installation-ed25519.pub.pem', AUDIT_WITNESS_FILE]) {
    copyFileSync(join(source, 'keys', f), join(dir, 'keys', f));
  }
  return dir;
}

/** Tampers with the trail as someone with direct access to the file would: triggers first. */
function tamper(dir: string, statements: string[]): void {
  const db = new SQLite(join(dir, 'vedetta.sqlite'));
  for (const t of ['audit_entries', 'audit_checkpoints']) {
    db.exec(`drop trigger ${t}_no_update; drop trigger ${t}_no_delete;`);
  }
  for (const s of statements) db.exec(s);
  db.close();
}

function verify(dir: string): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, [VEDETTA, 'audit', 'verify', '--data', dir], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

beforeAll(async () => {
  source = mkdtempSync(join(tmpdir(), 'vedetta-'));
  const db = await openDatabase<Schema>({ kind: 'sqlite', path: join(source, 'vedetta.sqlite') });
  await migrateToLatest(db);
  const key = loadOrCreateInstallationKey(join(source, 'keys'));
  const witness = createAuditWitness({
    file: new FileWitness(join(source, 'keys', AUDIT_WITNESS_FILE), undefined),
  });
  const log = new AuditLog({
    db,
    key,
    clock: new FakeClock(),
    checkpointEveryEntries: 20,
    witness,
  });
  for (let i = 1; i <= 50; i++) {
    await log.record({
      action: i % 2 === 0 ? 'playback.view' : 'live.start',
      outcome: 'granted',
      principal: { userId: 'u1', username: 'rossi', agencyId: 'carabinieri' },
      sourceAddress: '10.0.0.7',
      cameraId: `cam-${i % 4}`,
      reason: i % 2 === 0 ? 'controllo' : null,
      caseReference: i % 2 === 0 ? `RG ${i}/2026` : null,
    });
  }
  await log.close();
  await db.destroy();
});

describe('vedetta audit verify (spawned, on a real SQLite file)', () => {
  it('exits 0 on an intact trail', () => {
    const r = verify(installation());
    expect(r.out).toContain('audit trail intact: 50 entries');
    expect(r.status).toBe(0);
  });

  it.each([
    [
      'a changed field',
      ["update audit_entries set reason = 'nessuno' where seq = 17"],
      17,
      'changed',
    ],
    [
      'a replaced hash',
      ["update audit_entries set hash = '" + 'a'.repeat(64) + "' where seq = 23"],
      23,
      'changed',
    ],
    ['a deleted row', ['delete from audit_entries where seq = 30'], 30, 'missing'],
    [
      'two reordered rows (sequence numbers swapped)',
      [
        'update audit_entries set seq = 1000 where seq = 10',
        'update audit_entries set seq = 10 where seq = 11',
        'update audit_entries set seq = 11 where seq = 1000',
      ],
      10,
      'changed',
    ],
    ['rows deleted from the tail', ['delete from audit_entries where seq > 45'], 46, 'truncated'],
    [
      'a forged checkpoint',
      ['update audit_checkpoints set time_ms = time_ms + 1 where seq = 40'],
      40,
      'checkpoint_signature',
    ],
  ])('exits non-zero naming the first broken entry: %s', (_what, statements, seq, kind) => {
    const dir = installation();
    tamper(dir, statements);
    const r = verify(dir);
    expect(r.status).toBe(1);
    expect(r.out).toContain(`audit trail BROKEN at entry ${seq} (${kind})`);
  });

  it('exits non-zero when an entry was rewritten with a recomputed hash', () => {
    const dir = installation();
    const db = new SQLite(join(dir, 'vedetta.sqlite'));
    const row = db.prepare('select * from audit_entries where seq = 5').get() as AuditEntryRow;
    db.close();
    const forged = { ...entryFromRow(row), outcome: 'denied' as const };
    const hash = entryHash(5, forged, forged.prevHash);
    tamper(dir, [`update audit_entries set outcome = 'denied', hash = '${hash}' where seq = 5`]);
    const r = verify(dir);
    expect(r.status).toBe(1);
    expect(r.out).toContain('audit trail BROKEN at entry 6 (chain_broken)');
  });

  it('refuses to run without an installation', () => {
    const r = spawnSync(process.execPath, [VEDETTA, 'audit', 'verify'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--data DIR or --config FILE');
  });
});
