/**
 * Audit trail benchmark (`npm run bench:audit`): appends per second through the audit log's
 * append queue on SQLite, then the time to verify a chain of 1,000,000 entries (hashes, sequence
 * and signed checkpoints). Options: `--appends N` (default 200000), `--verify N` (default 1000000),
 * `--data DIR` (default a temporary folder, removed afterwards).
 * Targets: ≥ 20,000 appends/s; verification of 1,000,000 entries < 10 s.
 */
import type { Schema } from '../src/compose/schema.ts';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { systemClock } from '../src/app/clock.ts';
import { AuditLog } from '../src/audit/audit-log.ts';
import type { AuditRecordInput } from '../src/audit/record-input.ts';
import { verifySqliteFile } from '../src/audit/verify-store.ts';
import { openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { loadOrCreateInstallationKey } from '../src/keys/installation-key.ts';

const { values } = parseArgs({
  options: {
    appends: { type: 'string', default: '200000' },
    verify: { type: 'string', default: '1000000' },
    data: { type: 'string' },
  },
});
const appends = Number(values.appends);
const verifyCount = Math.max(Number(values.verify), appends);
const dir = values.data ?? mkdtempSync(join(tmpdir(), 'vedetta-bench-audit-'));

const entry = (i: number): AuditRecordInput => ({
  action: i % 4 === 0 ? 'playback.view' : 'live.start',
  outcome: i % 50 === 0 ? 'denied' : 'granted',
  principal: { userId: `user-${i % 40}`, username: `operatore${i % 40}`, agencyId: 'carabinieri' },
  sourceAddress: `10.20.0.${i % 250}`,
  cameraId: `cam-${String(i % 200).padStart(3, '0')}`,
  ...(i % 4 === 0
    ? {
        fromMs: 1_767_225_600_000 + i,
        toMs: 1_767_225_900_000 + i,
        reason: 'verifica segnalazione',
        caseReference: `RG ${i}/2026`,
      }
    : {}),
});

/** Records `count` entries starting at `from`, `window` in flight at a time, as a busy server would. */
async function fill(log: AuditLog, from: number, count: number, window = 20_000): Promise<void> {
  for (let i = from; i < from + count; i += window) {
    const n = Math.min(window, from + count - i);
    await Promise.all(Array.from({ length: n }, (_, k) => log.record(entry(i + k))));
  }
}

const db = await openDatabase<Schema>({ kind: 'sqlite', path: join(dir, 'vedetta.sqlite') });
try {
  await migrateToLatest(db);
  const key = loadOrCreateInstallationKey(join(dir, 'keys'));
  const log = new AuditLog({ db, key, clock: systemClock, checkpointEveryEntries: 10_000 });

  const t0 = performance.now();
  await fill(log, 0, appends);
  const appendS = (performance.now() - t0) / 1000;
  const rate = appends / appendS;

  await fill(log, appends, verifyCount - appends);
  await log.close();

  const t1 = performance.now();
  const report = verifySqliteFile(join(dir, 'vedetta.sqlite'), key);
  const verifyS = (performance.now() - t1) / 1000;
  if (!report.ok) throw new Error(`chain broken: ${report.firstBreak?.message ?? '?'}`);

  const sizeMb = statSync(join(dir, 'vedetta.sqlite')).size / 1e6;
  console.log(
    `audit benchmark — SQLite, ${cpus()[0]?.model ?? 'cpu'} (${cpus().length} cores), Node ${process.version}`,
  );
  console.log(
    `appends:      ${appends} entries in ${appendS.toFixed(2)} s = ${Math.round(rate)} appends/s (target >= 20000) ${rate >= 20_000 ? 'PASS' : 'FAIL'}`,
  );
  console.log(
    `verification: ${report.entries} entries, ${report.checkpoints} checkpoints in ${verifyS.toFixed(2)} s = ${Math.round(report.entries / verifyS)} entries/s (target < 10 s for 1000000) ${verifyS < 10 * (report.entries / 1_000_000) ? 'PASS' : 'FAIL'}`,
  );
  console.log(
    `database:     ${sizeMb.toFixed(0)} MB for ${report.entries} entries (${Math.round((sizeMb * 1e6) / report.entries)} bytes/entry)`,
  );
} finally {
  await db.destroy();
  if (values.data === undefined) rmSync(dir, { recursive: true, force: true });
}
