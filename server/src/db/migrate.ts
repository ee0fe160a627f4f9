/**
 * Brings a database to the latest schema by running the numbered migrations in
 * `migrations/index.ts` that it has not run yet. Safe to call at every start and from several
 * nodes at once (Kysely's migrator takes a lock).
 */
import {
  Migrator,
  type Kysely,
  type MigrationProvider,
  type Migration as KyselyMigration,
} from 'kysely';
import { AppError } from '../app/index.ts';
import { migrations as allMigrations, type Migration } from './migrations/index.ts';

function providerOf(list: readonly Migration[]): MigrationProvider {
  return {
    getMigrations() {
      const out: Record<string, KyselyMigration> = {};
      let previous = '';
      for (const m of list) {
        if (!/^\d{4}-[a-z0-9-]+$/.test(m.name)) {
          throw new AppError('internal', `migration name ${m.name} is not NNNN-topic`);
        }
        if (m.name <= previous) {
          throw new AppError('internal', `migration ${m.name} is out of order after ${previous}`);
        }
        previous = m.name;
        out[m.name] = { up: (db) => m.up(db) };
      }
      return Promise.resolve(out);
    },
  };
}

/** Runs every pending migration; returns the names it applied. Throws `internal` on failure. */
export async function migrateToLatest<DB>(
  db: Kysely<DB>,
  list: readonly Migration[] = allMigrations,
): Promise<string[]> {
  const migrator = new Migrator({ db, provider: providerOf(list) });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new AppError(
      'internal',
      `migration ${failed} failed: ${error instanceof Error ? error.message : JSON.stringify(error)}`,
      { migration: failed },
      error,
    );
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** The names of the migrations already applied to `db`, oldest first. */
export async function appliedMigrations<DB>(db: Kysely<DB>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: providerOf(allMigrations) });
  const all = await migrator.getMigrations();
  return all.filter((m) => m.executedAt !== undefined).map((m) => m.name);
}

/**
 * Brings `db` to step `step` of `list` (`1`: just the first migration; `list.length`: the latest)
 * by running the pending ones among its first `step`; returns the names it applied. Forward only:
 * on a database already past `step` it throws `internal`, as it does for a step out of range.
 */
export async function migrateTo<DB>(
  db: Kysely<DB>,
  step: number,
  list: readonly Migration[] = allMigrations,
): Promise<string[]> {
  if (!Number.isInteger(step) || step < 0 || step > list.length) {
    throw new AppError('internal', `migration step ${step} is not between 0 and ${list.length}`);
  }
  return migrateToLatest(db, list.slice(0, step));
}
