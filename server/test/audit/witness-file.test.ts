/**
 * The witness file: one signed line per checkpoint, appended (O_APPEND: two writers never
 * overwrite each other), fsync'ed after each line before the checkpoint counts as witnessed,
 * failures logged and retried; and the audit log feeds it every 60 s of its clock while entries
 * arrive and at shutdown.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/app/clock.ts';
import { parseConfig } from '../../src/app/config.ts';
import { createLogger } from '../../src/app/logger.ts';
import { AuditLog } from '../../src/audit/audit-log.ts';
import { checkpointSignatureValid, signCheckpoint } from '../../src/audit/checkpoint.ts';
import { createAuditService } from '../../src/audit/create.ts';
import { readCheckpoints } from '../../src/audit/store.ts';
import { createAuditWitness } from '../../src/audit/witness.ts';
import {
  AUDIT_WITNESS_FILE,
  FileWitness,
  WITNESS_HEADER,
  type AppendHandle,
  type OpenAppend,
} from '../../src/audit/witness-file.ts';
import { parseWitnessLine } from '../../src/audit/witness-line.ts';
import { readWitnessFile } from '../../src/audit/witness-read.ts';
import { loadOrCreateInstallationKey } from '../../src/keys/installation-key.ts';
import type { Schema } from '../../src/compose/schema.ts';
import { openDatabase } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';

const key = loadOrCreateInstallationKey(mkdtempSync(join(tmpdir(), 'vedetta-')));
const cp = (seq: number) =>
  signCheckpoint(key, seq, seq.toString(16).padStart(64, '0'), 1000 * seq);
const tempFile = () => join(mkdtempSync(join(tmpdir(), 'vedetta-')), 'keys', AUDIT_WITNESS_FILE);

async function openTestSqlite() {
  const dir = mkdtempSync(join(tmpdir(), 'vedetta-'));
  const db = await openDatabase<Schema>({ kind: 'sqlite', path: join(dir, 'vedetta.sqlite') });
  await migrateToLatest(db);
  return db;
}

const view = {
  action: 'live.start',
  outcome: 'granted',
  principal: { userId: 'u1', username: 'rossi', agencyId: 'carabinieri' },
  sourceAddress: '10.0.0.1',
  cameraId: 'cam-1',
} as const;

describe('FileWitness', () => {
  it('writes a header, then one signed line per checkpoint that verifies with the key', async () => {
    const path = tempFile();
    const w = new FileWitness(path, undefined);
    expect(await w.write(cp(20))).toBe(true);
    expect(await w.write(cp(40))).toBe(true);
    await w.close();
    const lines = readFileSync(path, 'utf8').split('\n');
    expect(lines[0]).toBe(WITNESS_HEADER);
    expect(lines[1]).toMatch(
      /^vedetta-audit-checkpoint-v1 seq=20 entry_hash=0{62}14 time_ms=20000 key=[0-9a-f]{64} sig=\S+$/,
    );
    const parsed = lines.slice(1, 3).map((l) => parseWitnessLine(l));
    expect(parsed).toEqual([cp(20), cp(40)]);
    for (const c of parsed) expect(c && checkpointSignatureValid(key, c)).toBe(true);
    expect(lines[3]).toBe('');
  });

  it('appends (O_APPEND): what is there stays, and two open writers never overwrite each other', async () => {
    const path = tempFile();
    const a = new FileWitness(path, undefined);
    await a.open();
    writeFileSync(path, '# kept\n', { flag: 'a' });
    const b = new FileWitness(path, undefined);
    await a.write(cp(1));
    await b.write(cp(2));
    await a.write(cp(3));
    await Promise.all([a.close(), b.close()]);
    const w = readWitnessFile(path);
    expect(readFileSync(path, 'utf8')).toContain('# kept\n');
    expect(w.checkpoints.map((c) => c.checkpoint.seq)).toEqual([1, 2, 3]);
    expect(w.malformed).toEqual([]);
  });

  it('fsyncs after each line before the write resolves', async () => {
    const calls: string[] = [];
    const handle: AppendHandle = {
      append: (text) => {
        calls.push(`append ${text.split(' ')[1] ?? text.slice(0, 8)}`);
        return Promise.resolve();
      },
      sync: () => {
        calls.push('sync');
        return Promise.resolve();
      },
      close: () => Promise.resolve(),
    };
    const open: OpenAppend = () => Promise.resolve({ handle, created: false });
    const w = new FileWitness('/unused', undefined, open);
    await w.write(cp(1));
    expect(calls).toEqual(['append seq=1', 'sync']);
    await w.write(cp(2));
    expect(calls).toEqual(['append seq=1', 'sync', 'append seq=2', 'sync']);
  });

  it('logs a failed write loudly and writes the line with the next one', async () => {
    const log: string[] = [];
    const logger = createLogger({
      level: 'warn',
      destination: { write: (l: string) => log.push(l) },
    });
    const written: string[] = [];
    let fail = true;
    const open: OpenAppend = () =>
      fail
        ? Promise.reject(new Error('EIO: disk gone'))
        : Promise.resolve({
            handle: {
              append: (t: string) => {
                written.push(t);
                return Promise.resolve();
              },
              sync: () => Promise.resolve(),
              close: () => Promise.resolve(),
            },
            created: false,
          });
    const w = new FileWitness('/x/audit-witness.log', logger, open);
    expect(await w.write(cp(1))).toBe(false);
    expect(log.join('')).toContain('FAILED to write checkpoint to the witness file');
    fail = false;
    expect(await w.write(cp(2))).toBe(true);
    expect(written.join('')).toMatch(/seq=1 .*\n.*seq=2 /);
  });
});

describe('AuditLog with its witness', () => {
  it('witnesses a checkpoint within 60 s of the clock while entries arrive (the default)', async () => {
    const db = await openTestSqlite();
    const path = tempFile();
    const clock = new FakeClock();
    const log = new AuditLog({
      db,
      key,
      clock,
      witness: createAuditWitness({ file: new FileWitness(path, undefined) }),
    });
    log.start();
    await log.record(view);
    await log.flush();
    expect(readWitnessFile(path).checkpoints).toEqual([]); // created at start, nothing sealed yet
    clock.advance(59_999);
    await log.flush();
    expect(readWitnessFile(path).checkpoints).toEqual([]);
    clock.advance(1);
    await log.flush();
    expect(readWitnessFile(path).checkpoints.map((c) => c.checkpoint.seq)).toEqual([1]);
    await log.record(view);
    await log.record(view);
    clock.advance(60_000);
    await log.flush();
    const witnessed = readWitnessFile(path).checkpoints.map((c) => c.checkpoint);
    expect(witnessed.map((c) => c.seq)).toEqual([1, 3]);
    expect(await readCheckpoints(db)).toEqual(witnessed);
    await log.close();
  });

  it('seals and witnesses what is left at shutdown (the service, as configured)', async () => {
    const db = await openTestSqlite();
    const dir = mkdtempSync(join(tmpdir(), 'vedetta-'));
    const path = join(dir, 'keys', AUDIT_WITNESS_FILE);
    const config = parseConfig({ storage: { path: dir } });
    expect(config.audit.checkpointEverySeconds).toBe(60);
    const audit = createAuditService({
      db,
      key,
      clock: new FakeClock(),
      logger: createLogger({ level: 'silent' }),
      config: config.audit,
      witnessFile: path,
    });
    audit.start();
    await audit.record(view);
    await audit.record(view);
    await audit.flush();
    expect(readWitnessFile(path).checkpoints).toEqual([]);
    await audit.close();
    expect(readWitnessFile(path).checkpoints.map((c) => c.checkpoint.seq)).toEqual([2]);
    expect(await audit.verify()).toMatchObject({
      ok: true,
      lastCheckpointSeq: 2,
      witness: { checkpoints: 1, lastSeq: 2, unwitnessedCheckpoints: 0 },
    });
  });
});
