/**
 * `vedetta keys show (--data DIR | --config FILE)`: prints the installation's public key (PEM) and
 * its SHA-256 fingerprint, the key with which recipients verify evidence packages. With neither
 * flag, the configuration named by `VEDETTA_CONFIG` is used.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../app/index.ts';
import { INSTALLATION_FLAGS, parseCommand } from '../args.ts';
import { installationConfig } from '../installation.ts';
import type { CliIo } from '../io.ts';
import { UsageError } from '../usage.ts';
import { PUBLIC_KEY_FILE, publicKeyFromPem } from '../../keys/index.ts';
import { KEYS_DIR } from '../../recording/index.ts';

/** Runs `vedetta keys ...`. */
export function keysCommand(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'show') {
    throw new UsageError(sub === undefined ? 'keys: missing show' : `keys: unknown ${sub}`);
  }
  const { values } = parseCommand('keys show', rest, INSTALLATION_FLAGS, {
    min: 0,
    max: 0,
    names: '',
  });
  const env = process.env['VEDETTA_CONFIG'];
  const flags =
    values.data === undefined && values.config === undefined && env ? { config: env } : values;
  const config = installationConfig('keys show', flags);
  const file = join(config.storage.path, KEYS_DIR, PUBLIC_KEY_FILE);
  if (!existsSync(file)) {
    throw new AppError(
      'failed_precondition',
      `installation public key not found: ${file} (start Vedetta once to create it)`,
    );
  }
  const key = publicKeyFromPem(readFileSync(file, 'utf8'));
  io.out(key.publicKeyPem.trimEnd());
  io.out(`fingerprint (SHA-256): ${key.fingerprint}`);
  return Promise.resolve(0);
}
