/**
 * The witness outside the database catches what the database alone cannot show: the trail cut
 * from the end together with the checkpoints that sealed it, both tables emptied, the chain
 * rewritten with recomputed hashes and its checkpoints deleted. Each of these passed
 * `vedetta audit verify` (exit 0, "intact") before the witness; now each fails naming what is
 * missing. Also: a forged witness line, and a witness file that is gone.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/app/clock.ts';
import { AuditLog } from '../../src/audit/audit-log.ts';
import { entryHash } from '../../src/audit/entry.ts';
import { entryFromRow } from '../../src/audit/store.ts';
import type { AuditEntryRow } from '../../src/audit/tables.ts';
import { createAuditWitness } from '../../src/audit/witness.ts';
import { AUDIT_WITNESS_FILE, FileWitness } from '../../src/audit/witness-file.ts';
import { witnessLine } from '../../src/audit/witness-line.ts';
import type { Schema } from '../../src/compose/schema.ts';
import { openDatabase } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { loadOrCreateInstallationKey } from '../../src/keys/installation-key.ts';

const VEDETTA = 'server/bin/vedetta.mjs';
const PUBLIC = 'installation-ed25519.pub.pem';
let source: string;

/** A copy of the intact installation: database, public key, witness file. */
function installation(): string {
  const dir = mkdtempSync(join(tmpdir(), 'vedetta-'));
  copyFileSync(join(source, 'vedetta.sqlite'), join(dir, 'vedetta.sqlite'));
  mkdirSync(join(dir, 'keys'));
  for (const f of [PUBLIC, AUDIT_WITNESS_FILE]) {
    copyFileSync(join(source, 'keys', f), join(dir, 'keys', f));
  }
  return dir;
}

/** Runs SQL on the stopped installation's database as its owner would: triggers dropped first. */
function tamper(dir: string, body: (db: SQLite.Database) => void): void {
  const db = new SQLite(join(dir, 'vedetta.sqlite'));
  for (const t of ['audit_entries', 'audit_checkpoints']) {
    db.exec(`drop trigger ${t}_no_update; drop trigger ${t}_no_delete;`);
  }
  body(db);
  db.close();
}

function verify(dir: string, ...more: string[]): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, [VEDETTA, 'audit', 'verify', '--data', dir, ...more], {
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
  // Checkpoints at entries 20 and 40 (count) and 50 (close), each witnessed.
  const log = new AuditLog({
    db,
    key,
    clock: new FakeClock(),
    checkpointEveryEntries: 20,
    witness,
  });
  for (let i = 1; i <= 50; i++) {
    await log.record({
      action: 'playback.view',
      outcome: 'granted',
      principal: { userId: 'u1', username: 'rossi', agencyId: 'carabinieri' },
      sourceAddress: '10.0.0.7',
      cameraId: `cam-${i % 4}`,
      reason: 'controllo',
      caseReference: `RG ${i}/2026`,
    });
  }
  await log.close();
  await db.destroy();
});

describe('vedetta audit verify against the witness file', () => {
  it('exits 0 on an intact trail and says what the witness holds', () => {
    const r = verify(installation());
    expect(r.out).toContain('audit trail intact: 50 entries, 3 signed checkpoints');
    expect(r.out).toMatch(/witness .*audit-witness\.log: 3 checkpoints, up to entry 50/);
    expect(r.status).toBe(0);
  });

  it('fails when the newest entries and the checkpoints that sealed them are deleted', () => {
    const dir = installation();
    tamper(dir, (db) => {
      db.exec(
        'delete from audit_entries where seq > 45; delete from audit_checkpoints where seq > 45',
      );
    });
    const r = verify(dir);
    expect(r.status).toBe(1);
    expect(r.out).toContain(
      'audit trail BROKEN at entry 46 (truncated): entries 46 to 50 are missing: the witness',
    );
    expect(r.out).toContain('(witness_checkpoint_missing): the checkpoint of entry 50 made at');
  });

  it('fails when both tables are emptied', () => {
    const dir = installation();
    tamper(dir, (db) => db.exec('delete from audit_entries; delete from audit_checkpoints'));
    const r = verify(dir);
    expect(r.status).toBe(1);
    expect(r.out).toContain(
      'audit trail BROKEN at entry 1 (truncated): entries 1 to 50 are missing',
    );
    expect(r.out).toContain("the database's chain is empty");
    for (const seq of [20, 40, 50])
      expect(r.out).toContain(`the checkpoint of entry ${seq} made at`);
  });

  it('fails when the chain is rewritten from entry 16 with recomputed hashes and its checkpoints deleted', () => {
    const dir = installation();
    tamper(dir, (db) => {
      const rows = db
        .prepare('select * from audit_entries where seq >= 16 order by seq')
        .all() as AuditEntryRow[];
      const first = rows[0];
      if (!first) throw new Error('no rows');
      let prev = entryFromRow(first).prevHash;
      const update = db.prepare(
        'update audit_entries set reason = ?, prev_hash = ?, hash = ? where seq = ?',
      );
      for (const row of rows) {
        const e = { ...entryFromRow(row), reason: 'nessun motivo' };
        const hash = entryHash(e.seq, e, prev);
        update.run(e.reason, prev, hash, e.seq);
        prev = hash;
      }
      db.exec('delete from audit_checkpoints where seq >= 16');
    });
    const r = verify(dir);
    expect(r.status).toBe(1);
    expect(r.out).toContain(
      'audit trail BROKEN at entry 20 (witness_mismatch): entry 20 differs from what the witnessed checkpoint',
    );
    expect(r.out).toContain('the chain was rewritten');
  });

  it('reports a witness line whose signature does not verify', () => {
    const dir = installation();
    const forged = {
      seq: 60,
      entryHash: 'ab'.repeat(32),
      timeMs: Date.UTC(2026, 0, 2),
      keyFingerprint: loadOrCreateInstallationKey(join(source, 'keys')).fingerprint,
      signature: Buffer.alloc(64, 7).toString('base64'),
    };
    appendFileSync(join(dir, 'keys', AUDIT_WITNESS_FILE), `${witnessLine(forged)}\n`);
    const r = verify(dir);
    expect(r.status).toBe(1);
    expect(r.out).toMatch(
      /BROKEN at entry 60 \(witness_signature\): .*audit-witness\.log line 5: the checkpoint of entry 60 has an invalid signature/,
    );
  });

  it('reports a missing witness file, and accepts a copy given with --witness', () => {
    const dir = installation();
    const copy = join(dir, 'witness-copy.log');
    copyFileSync(join(dir, 'keys', AUDIT_WITNESS_FILE), copy);
    rmSync(join(dir, 'keys', AUDIT_WITNESS_FILE));
    const r = verify(dir);
    expect(r.status).toBe(1);
    expect(r.out).toMatch(
      /BROKEN \(witness_missing\): the witness file .*audit-witness\.log is missing/,
    );
    const withCopy = verify(dir, '--witness', copy);
    expect(withCopy.out).toContain('audit trail intact: 50 entries');
    expect(withCopy.status).toBe(0);
  });
});
