/**
 * `vedetta audit verify (--data DIR | --config FILE)`: walks the installation's whole audit chain
 * and its signed checkpoints, read-only, with the installation's public key. Exit status 0 when
 * intact; 1 naming the first broken entry (or when the trail cannot be read).
 */
import type { Schema } from '../../compose/index.ts';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError, databaseOptionsOf } from '../../app/index.ts';
import { INSTALLATION_FLAGS, parseCommand } from '../args.ts';
import { installationConfig } from '../installation.ts';
import type { CliIo } from '../io.ts';
import { UsageError } from '../usage.ts';
import { openDatabase } from '../../db/index.ts';
import { PUBLIC_KEY_FILE, publicKeyFromPem, type PublicKeyInfo } from '../../keys/index.ts';
import { verifySqliteFile, verifyStoredChain } from '../../audit/index.ts';
import type { AuditVerifyReport } from '../../audit/index.ts';

/** The folder of the installation key, under the storage path (as recording keeps it). */
const KEYS_DIR = 'keys';

function publicKey(storagePath: string): PublicKeyInfo {
  const file = join(storagePath, KEYS_DIR, PUBLIC_KEY_FILE);
  if (!existsSync(file)) {
    throw new AppError('failed_precondition', `installation public key not found: ${file}`);
  }
  return publicKeyFromPem(readFileSync(file, 'utf8'));
}

async function verifyInstallation(args: string[]): Promise<AuditVerifyReport> {
  const { values } = parseCommand('audit verify', args, INSTALLATION_FLAGS, {
    min: 0,
    max: 0,
    names: '',
  });
  const config = installationConfig('audit verify', values);
  const key = publicKey(config.storage.path);
  const options = databaseOptionsOf(config);
  if (options.kind === 'sqlite') {
    if (!existsSync(options.path)) {
      throw new AppError('failed_precondition', `database not found: ${options.path}`);
    }
    return verifySqliteFile(options.path, key);
  }
  const db = await openDatabase<Schema>(options);
  try {
    return await verifyStoredChain(db, key);
  } finally {
    await db.destroy();
  }
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
    io.err(
      `audit trail BROKEN at entry ${r.firstBreak.seq} (${r.firstBreak.kind}): ${r.firstBreak.message}`,
    );
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
  return 0;
}
