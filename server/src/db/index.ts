/** The database module's public entry: open, migrate, and the typed schema. */
export { openDatabase, dialectOf, type Db, type DialectName } from './database.ts';
export { migrateToLatest, appliedMigrations } from './migrate.ts';
export type { Migration } from './migrations/index.ts';
export type { DatabaseOptions } from '../app/index.ts';
