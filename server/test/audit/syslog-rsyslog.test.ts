/**
 * The syslog witness against a real rsyslog daemon (not a mock socket): checkpoints and, when
 * asked, entries arrive as RFC 5424 records over TCP and over TLS, records written while the
 * collector is down are delivered once it is up, and the collector's file serves as the witness
 * for `vedetta audit verify --witness` when the local witness file is gone.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/app/clock.ts';
import { parseConfig } from '../../src/app/config.ts';
import { createLogger } from '../../src/app/logger.ts';
import { createAuditService } from '../../src/audit/create.ts';
import { SyslogForwarder } from '../../src/audit/syslog-forwarder.ts';
import { checkpointRecord } from '../../src/audit/syslog-message.ts';
import { AUDIT_WITNESS_FILE } from '../../src/audit/witness-file.ts';
import { witnessLine } from '../../src/audit/witness-line.ts';
import type { Schema } from '../../src/compose/schema.ts';
import { openDatabase } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { loadOrCreateInstallationKey } from '../../src/keys/installation-key.ts';
import { freePort, startRsyslog, type Rsyslog } from './rsyslog.ts';

const VEDETTA = 'server/bin/vedetta.mjs';
let daemons: Rsyslog[] = [];

afterEach(async () => {
  await Promise.all(daemons.map((d) => d.stop()));
  daemons = [];
});

async function rsyslog(opts: { tls?: boolean; port?: number } = {}): Promise<Rsyslog> {
  const d = await startRsyslog(opts);
  daemons.push(d);
  return d;
}

/** An installation folder whose audit service sends to `syslog`; records, closes, returns. */
async function runInstallation(syslog: Record<string, unknown>, log: string[] = []) {
  const dir = mkdtempSync(join(tmpdir(), 'vedetta-'));
  const db = await openDatabase<Schema>({ kind: 'sqlite', path: join(dir, 'vedetta.sqlite') });
  await migrateToLatest(db);
  const key = loadOrCreateInstallationKey(join(dir, 'keys'));
  const config = parseConfig({ storage: { path: dir }, audit: { syslog } });
  const audit = createAuditService({
    db,
    key,
    clock: systemClock,
    logger: createLogger({ level: 'warn', destination: { write: (l: string) => log.push(l) } }),
    config: config.audit,
    witnessFile: join(dir, 'keys', AUDIT_WITNESS_FILE),
  });
  audit.start();
  await audit.record({
    action: 'session.login_failed',
    outcome: 'denied',
    username: 'bianchi',
    sourceAddress: '10.0.0.9',
    reason: 'wrong password',
  });
  await audit.record({
    action: 'playback.view',
    outcome: 'granted',
    principal: { userId: 'u1', username: 'rossi', agencyId: 'polizia-locale' },
    sourceAddress: '10.0.0.7',
    cameraId: 'cam-piazza',
    fromMs: 1_767_225_600_000,
    toMs: 1_767_225_660_000,
    reason: 'furto "bici" [via Roma]',
    caseReference: 'RG 12/2026',
  });
  await audit.close(); // seals both with a checkpoint, sent before the connection closes
  const checkpoints = await db.selectFrom('audit_checkpoints').selectAll().execute();
  await db.destroy();
  return { dir, checkpoints };
}

/** Resolves once something was logged. */
function logged(log: string[]): Promise<void> {
  return new Promise((resolve) => {
    const poll = (): void => (log.length > 0 ? resolve() : void setTimeout(poll, 10));
    poll();
  });
}

function verify(dir: string, witness?: string): { status: number | null; out: string } {
  const args = [VEDETTA, 'audit', 'verify', '--data', dir];
  if (witness) args.push('--witness', witness);
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('audit syslog witness, against rsyslogd', () => {
  it('sends checkpoints and entries over TCP; the collector copy is a witness', async () => {
    const d = await rsyslog();
    const { dir, checkpoints } = await runInstallation({
      host: '127.0.0.1',
      port: d.port,
      transport: 'tcp',
      appName: 'vedetta-test',
      facility: 'local4',
      forwardEntries: true,
    });
    expect(checkpoints).toHaveLength(1);
    const cp = checkpoints[0];
    if (!cp) throw new Error('no checkpoint');
    const line = witnessLine({
      seq: cp.seq,
      entryHash: cp.entry_hash,
      timeMs: Number(cp.time_ms),
      keyFingerprint: cp.key_fingerprint,
      signature: cp.signature,
    });
    const text = await d.waitFor((t) => t.includes(line));
    const lines = text.trim().split('\n');
    const cpLine = lines.find((l) => l.includes(' CHECKPOINT '));
    // <local4 * 8 + info>1 … vedetta-test … CHECKPOINT [checkpoint@32473 seq="2" …] line
    expect(cpLine).toMatch(
      /^<166>1 \S+ \S+ vedetta-test \d+ CHECKPOINT \[checkpoint@32473 seq="2" /,
    );
    expect(text).toContain(
      ' AUDIT [audit@32473 seq="1" action="session.login_failed" outcome="denied" ',
    );
    expect(text).toContain('bianchi denied session.login_failed (reason: wrong password)');
    const view = lines.find((l) => l.includes('action="playback.view"'));
    expect(view).toContain('user="rossi"');
    expect(view).toContain('camera="cam-piazza"');
    expect(view).toContain('reason="furto \\"bici\\" [via Roma\\]"');
    expect(view).toContain('caseReference="RG 12/2026"');

    // The collector's file, used as the witness, agrees with the database ...
    const ok = verify(dir, d.received);
    expect(ok.out).toContain('audit trail intact: 2 entries');
    expect(ok.status).toBe(0);
    // ... and still shows the trail emptied after the local witness file was deleted too.
    const db = new SQLite(join(dir, 'vedetta.sqlite'));
    for (const t of ['audit_entries', 'audit_checkpoints']) {
      db.exec(`drop trigger ${t}_no_update; drop trigger ${t}_no_delete; delete from ${t};`);
    }
    db.close();
    rmSync(join(dir, 'keys', AUDIT_WITNESS_FILE));
    const cut = verify(dir, d.received);
    expect(cut.status).toBe(1);
    expect(cut.out).toContain(
      'audit trail BROKEN at entry 1 (truncated): entries 1 to 2 are missing',
    );
  });

  it('sends checkpoints over TLS (gtls driver) to a collector whose CA is configured', async () => {
    const d = await rsyslog({ tls: true });
    const { checkpoints } = await runInstallation({
      host: '127.0.0.1',
      port: d.port,
      transport: 'tls',
      caFile: d.certFile,
    });
    const cp = checkpoints[0];
    if (!cp) throw new Error('no checkpoint');
    const text = await d.waitFor((t) => t.includes(`entry_hash=${cp.entry_hash}`));
    expect(text).toMatch(/^<134>1 .* CHECKPOINT \[checkpoint@32473 seq="2" /m);
    expect(text).not.toContain(' AUDIT '); // entries are forwarded only when asked
  });

  it('refuses a TLS collector whose certificate it cannot verify, and says so', async () => {
    const d = await rsyslog({ tls: true });
    const log: string[] = [];
    const forwarder = new SyslogForwarder({
      target: { host: '127.0.0.1', port: d.port, transport: 'tls' }, // system CAs only
      clock: systemClock,
      logger: createLogger({ level: 'warn', destination: { write: (l: string) => log.push(l) } }),
    });
    forwarder.send('<134>1 - - vedetta - CHECKPOINT - not trusted');
    await logged(log);
    await forwarder.close(1);
    expect(log.join('')).toContain('cannot reach the collector');
    expect(log.join('')).toContain('NOT delivered');
  });

  it('keeps records while the collector is down and delivers them once it is up', async () => {
    const port = await freePort();
    const log: string[] = [];
    const forwarder = new SyslogForwarder({
      target: { host: '127.0.0.1', port, transport: 'tcp' },
      clock: systemClock,
      logger: createLogger({ level: 'warn', destination: { write: (l: string) => log.push(l) } }),
      retryMs: 20,
      maxRetryMs: 100,
    });
    const origin = { facility: 'audit', hostname: 'h', appName: 'vedetta', procId: '1' } as const;
    const cp = {
      seq: 7,
      entryHash: 'ab'.repeat(32),
      timeMs: 1_767_225_600_000,
      keyFingerprint: 'cd'.repeat(32),
      signature: 'c2ln',
    };
    forwarder.send(checkpointRecord(origin, cp));
    await logged(log);
    expect(log.join('')).toContain('cannot reach the collector');
    const d = await rsyslog({ port });
    await d.waitFor((t) => t.includes(witnessLine(cp)));
    expect(await forwarder.drained(10_000)).toBe(true);
    await forwarder.close();
  });
});
