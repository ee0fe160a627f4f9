/** `vedetta db migrate`: brings an installation's database schema up to date. */
import type { Schema } from '../../compose/index.ts';
import { databaseOptionsOf } from '../../app/index.ts';
import { openDatabase, migrateToLatest } from '../../db/index.ts';
import { INSTALLATION_FLAGS, parseCommand } from '../args.ts';
import { installationConfig } from '../installation.ts';
import type { CliIo } from '../io.ts';
import { UsageError } from '../usage.ts';

/** Runs `vedetta db <subcommand>`. */
export async function dbCommand(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'migrate')
    throw new UsageError(`db: unknown subcommand ${sub ?? '(none)'}; try db migrate`);
  const { values } = parseCommand('db migrate', rest, INSTALLATION_FLAGS, {
    min: 0,
    max: 0,
    names: '',
  });
  const config = installationConfig('db migrate', values);
  const db = await openDatabase<Schema>(databaseOptionsOf(config));
  try {
    const applied = await migrateToLatest(db);
    io.out(applied.length === 0 ? 'database is up to date' : `applied: ${applied.join(', ')}`);
  } finally {
    await db.destroy();
  }
  return 0;
}
