/**
 * Finds the installation a command works on: `--config FILE`, or `--data DIR` (a demo's folder:
 * its `vedetta.yaml` if present, otherwise an embedded database in DIR).
 */
import type { VedettaDb, Schema } from '../compose/index.ts';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadConfig, parseConfig, databaseOptionsOf, type Config } from '../app/index.ts';
import { openDatabase, migrateToLatest } from '../db/index.ts';
import { UsageError } from './usage.ts';

/** The configuration file a demo folder holds. */
export function demoConfigPath(dataDir: string): string {
  return join(dataDir, 'vedetta.yaml');
}

/** The configuration named by `--data` or `--config` (exactly one of them). */
export function installationConfig(
  command: string,
  flags: { data?: string | undefined; config?: string | undefined },
): Config {
  if (flags.data !== undefined && flags.config !== undefined) {
    throw new UsageError(`${command}: give --data DIR or --config FILE, not both`);
  }
  if (flags.config !== undefined) return loadConfig(flags.config);
  if (flags.data !== undefined) {
    const dir = resolve(flags.data);
    const file = demoConfigPath(dir);
    return existsSync(file) ? loadConfig(file) : parseConfig({ storage: { path: dir } }, dir);
  }
  throw new UsageError(`${command}: give --data DIR or --config FILE`);
}

/** Opens the installation's database and brings its schema up to date. */
export async function openInstallationDb(config: Config): Promise<VedettaDb> {
  const db = await openDatabase<Schema>(databaseOptionsOf(config));
  try {
    await migrateToLatest(db);
  } catch (e) {
    await db.destroy();
    throw e;
  }
  return db;
}
