/**
 * `vedetta audit verify [--witness FILE] (--data DIR | --config FILE)`: walks the installation's
 * whole audit chain and its signed checkpoints, read-only, with the installation's public key,
 * and compares them with the witness kept outside the database (`keys/audit-witness.log`, or a
 * copy given with `--witness`, e.g. the lines the syslog collector received). Exit status 0 when
 * intact; 1 naming every problem found, first broken entry first (or when the trail cannot be
 * read).
 */
import type { Schema } from '../../compose/index.ts';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppError, databaseOptionsOf } from '../../app/index.ts';
import { INSTALLATION_FLAGS, parseCommand } from '../args.ts';
import { installationConfig } from '../installation.ts';
import type { CliIo } from '../io.ts';
import { UsageError } from '../usage.ts';
import { openDatabase } from '../../db/index.ts';
import { PUBLIC_KEY_FILE, publicKeyFromPem, type PublicKeyInfo } from '../../keys/index.ts';
import {
  AUDIT_WITNESS_FILE,
  readWitnessFile,
  verifySqliteFile,
  verifyStoredChain,
} from '../../audit/index.ts';
import type { AuditVerifyReport } from '../../audit/index.ts';
import { KEYS_DIR } from '../../recording/index.ts';

function publicKey(storagePath: string): PublicKeyInfo {
  const file = join(storagePath, KEYS_DIR, PUBLIC_KEY_FILE);
  if (!existsSync(file)) {
    throw new AppError('failed_precondition', `installation public key not found: ${file}`);
  }
  return publicKeyFromPem(readFileSync(file, 'utf8'));
}

async function verifyInstallation(args: string[]): Promise<AuditVerifyReport> {
  const { values } = parseCommand(
    'audit verify',
    args,
    { ...INSTALLATION_FLAGS, witness: { type: 'string' } },
    { min: 0, max: 0, names: '' },
  );
  const config = installationConfig('audit verify', values);
  const key = publicKey(config.storage.path);
  // A copy from elsewhere (a syslog collector's file) may hold other records: skip them there.
  const witness =
    values.witness !== undefined
      ? readWitnessFile(resolve(values.witness), true)
      : readWitnessFile(join(config.storage.path, KEYS_DIR, AUDIT_WITNESS_FILE));
  if (values.witness !== undefined && !witness.exists) {
    throw new AppError('failed_precondition', `witness file not found: ${witness.source}`);
  }
  const options = databaseOptionsOf(config);
  if (options.kind === 'sqlite') {
    if (!existsSync(options.path)) {
      throw new AppError('failed_precondition', `database not found: ${options.path}`);
    }
    return verifySqliteFile(options.path, key, witness);
  }
  const db = await openDatabase<Schema>(options);
  try {
    return await verifyStoredChain(db, key, witness);
  } finally {
    await db.destroy();
  }
}

/** What the witness held, for an intact trail. */
function witnessNotes(r: AuditVerifyReport, io: CliIo): void {
  const w = r.witness;
  if (!w) return;
  if (!w.exists) {
    io.out(`no witness file (${w.source}): nothing has been sealed yet`);
    return;
  }
  io.out(
    `witness ${w.source}: ${w.checkpoints} checkpoints, up to entry ${w.lastSeq}, all in the database`,
  );
  if (w.unwitnessedCheckpoints > 0) {
    io.out(
      `${w.unwitnessedCheckpoints} checkpoints in the database are not in the witness ` +
        '(made before it existed, or after this copy of it was taken)',
    );
  }
  if (w.skippedLines > 0) io.out(`${w.skippedLines} witness lines without a checkpoint skipped`);
}

/** Runs `vedetta audit ...`. */
export async function auditCommand(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'verify') {
    throw new UsageError(sub === undefined ? 'audit: missing verify' : `audit: unknown ${sub}`);
  }
  const started = performance.now();
  const r = await verifyInstallation(rest);
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  if (!r.ok && r.firstBreak) {
    const first = r.firstBreak;
    io.err(
      first.seq > 0
        ? `audit trail BROKEN at entry ${first.seq} (${first.kind}): ${first.message}`
        : `audit trail BROKEN (${first.kind}): ${first.message}`,
    );
    for (const p of r.problems.filter((p) => p !== first))
      io.err(`  also (${p.kind}): ${p.message}`);
    io.err(`entries 1 to ${r.lastSeq} are intact; verified in ${seconds} s`);
    return 1;
  }
  io.out(
    `audit trail intact: ${r.entries} entries, ${r.checkpoints} signed checkpoints, ` +
      `sealed up to entry ${r.lastCheckpointSeq}; verified in ${seconds} s`,
  );
  if (r.unsealedEntries > 0) {
    io.out(`${r.unsealedEntries} entries after the last checkpoint are chained but not yet signed`);
  }
  witnessNotes(r, io);
  return 0;
}
