/** The database module's public entry: open, migrate, and the typed schema. */
export {
  openDatabase,
  dialectOf,
  ownTables,
  type Db,
  type DialectName,
  type SharedHandle,
} from './database.ts';
export { isStorageFullError } from './storage-full.ts';
export { migrateToLatest, migrateTo, appliedMigrations } from './migrate.ts';
export type { Migration } from './migrations/index.ts';
export type { DatabaseOptions } from '../app/index.ts';
