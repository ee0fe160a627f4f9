/**
 * Which SQL dialect a migration runs on, read from its Kysely handle. A frozen copy of
 * `dialectOf` in `../database.ts` (same test: the adapter is Kysely's `PostgresAdapter`), kept
 * here so that migrations import nothing but `kysely` and each other.
 */
import { PostgresAdapter, type Kysely } from 'kysely';

/** The dialects a migration is written for. */
export type MigrationDialect = 'sqlite' | 'postgres';

/** `postgres` when `db` talks to PostgreSQL, otherwise `sqlite`. */
export function migrationDialect<DB>(db: Kysely<DB>): MigrationDialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}
