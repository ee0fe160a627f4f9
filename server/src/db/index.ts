/** The database module's public entry: open, migrate, and the typed schema. */
export {
  openDatabase,
  dialectOf,
  type Db,
  type DatabaseOptions,
  type DialectName,
} from './database.ts';
export { migrateToLatest, appliedMigrations } from './migrate.ts';
export type { Schema } from './schema.ts';
export type { Migration } from './migrations/index.ts';
