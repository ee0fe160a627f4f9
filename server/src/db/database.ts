/**
 * Opens the database: SQLite (better-sqlite3) as the embedded default, PostgreSQL for multi-node
 * deployments. Both sit behind the same typed query layer, `Db<Tables> = Kysely<Tables>`. Integers come
 * back as numbers on both (PostgreSQL's int8 is parsed to a number: times are UTC milliseconds,
 * well inside 2^53). A new SQLite database is created readable by its owner only (0600, its
 * `-wal` and `-shm` files too), in a folder created 0750.
 */
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresAdapter, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { registerSecret } from '../app/index.ts';
import type { DatabaseOptions } from '../app/index.ts';

/**
 * A typed database handle over some tables. Each module uses `Db<ItsTables>` (declared in its
 * `tables.ts`), so it can query only the tables it owns; the application's composition opens
 * the handle over every module's tables (`compose/schema.ts`).
 */
export type Db<Tables> = Kysely<Tables>;

/**
 * Any module's handle or open transaction, as handed to another module's function that must run
 * inside the caller's transaction (one atomic change spanning two owners' tables).
 */
export type SharedHandle = Pick<Kysely<never>, 'isTransaction'>;

/**
 * The owner's view of a shared handle: the same connection (and transaction, if it is one),
 * typed for the owner's own tables. Called only by a table's owning module, with its own tables.
 */
export function ownTables<Tables>(handle: SharedHandle): Kysely<Tables> {
  return handle as unknown as Kysely<Tables>;
}

/** The SQL dialect behind a handle. */
export type DialectName = 'sqlite' | 'postgres';

const PG_INT8 = 20;
const PG_NUMERIC = 1700;

function pgTypes(): pg.CustomTypesConfig {
  return {
    getTypeParser: ((oid: number, format?: 'text' | 'binary'): unknown => {
      if (oid === PG_INT8 || oid === PG_NUMERIC) return (v: string) => Number(v);
      return pg.types.getTypeParser(oid, format) as unknown;
    }) as pg.CustomTypesConfig['getTypeParser'],
  };
}

/** Opens (creating if needed) a database. Run `migrateToLatest` before using the tables. */
export function openDatabase<Tables>(opts: DatabaseOptions): Promise<Db<Tables>> {
  if (opts.kind === 'sqlite') {
    const onDisk = opts.path !== ':memory:';
    const created = onDisk && !existsSync(opts.path);
    if (created) {
      mkdirSync(dirname(opts.path), { recursive: true, mode: 0o750 });
      closeSync(openSync(opts.path, 'a', 0o600)); // an empty file is an empty database
    }
    const sqlite = new SQLite(opts.path);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    // SQLite gives -wal and -shm the main file's mode; set all three in case a umask got in between.
    if (created) for (const f of sqliteFiles(opts.path)) if (existsSync(f)) chmodSync(f, 0o600);
    return Promise.resolve(
      new Kysely<Tables>({ dialect: new SqliteDialect({ database: sqlite }) }),
    );
  }
  const password = safePassword(opts.url);
  if (password) registerSecret(password);
  const pool = new pg.Pool({
    connectionString: opts.url,
    max: opts.poolSize ?? 10,
    types: pgTypes(),
  });
  return Promise.resolve(new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) }));
}

/** A SQLite database's files: the database, its write-ahead log and its shared-memory index. */
function sqliteFiles(path: string): string[] {
  return [path, `${path}-wal`, `${path}-shm`];
}

function safePassword(url: string): string | undefined {
  try {
    const p = new URL(url).password;
    return p === '' ? undefined : decodeURIComponent(p);
  } catch {
    return undefined;
  }
}

/** Which dialect a handle (or a migration's handle) talks to. */
export function dialectOf<DB>(db: Kysely<DB>): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}
