/**
 * Runs the same integration cases on SQLite and on PostgreSQL, each test on a fresh, empty
 * database (a new SQLite file; a `CREATE DATABASE` on PostgreSQL):
 *
 *     forEachDatabase((name, open) => {
 *       it('stores a camera', async () => { const db = await open(); ... });
 *     });
 *
 * PostgreSQL comes from `VEDETTA_TEST_PG_URL` (set by the global setup). When it is missing the
 * PostgreSQL cases are skipped on a developer machine, but fail under CI (`CI=true`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, afterEach, describe } from 'vitest';
import { openDatabase, type Db } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';

/** The two databases every integration case runs on. */
export type DatabaseName = 'sqlite' | 'postgres';

/** Options for a test database. */
export interface OpenTestDatabaseOptions {
  /** Run the migrations (default true); false gives an empty database. */
  migrate?: boolean;
}

/** Opens a fresh database for the current test; it is closed and deleted after the test. */
export type OpenTestDatabase = (opts?: OpenTestDatabaseOptions) => Promise<Db>;

/** The PostgreSQL server for tests, or undefined. */
export function testPostgresUrl(): string | undefined {
  const url = process.env['VEDETTA_TEST_PG_URL'];
  return url === undefined || url === '' ? undefined : url;
}

function inCi(): boolean {
  const ci = process.env['CI'];
  return ci !== undefined && ci !== '' && ci !== 'false' && ci !== '0';
}

let adminPool: pg.Pool | undefined;

async function createPgDatabase(baseUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  adminPool ??= new pg.Pool({ connectionString: baseUrl, max: 2 });
  const pool = adminPool;
  const name = `vedetta_t_${randomBytes(6).toString('hex')}`;
  await pool.query(`CREATE DATABASE ${name}`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      // pg's Pool.end() resolves before its clients have finished closing; dropping WITH (FORCE)
      // while one is still open kills it with a FATAL that surfaces as an uncaught error. Wait
      // (bounded) until the database has no backends left.
      for (let i = 0; i < 200; i++) {
        const r = await pool.query<{ n: string }>(
          'SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1',
          [name],
        );
        if (Number(r.rows[0]?.n ?? 0) === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      await pool.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

function opener(name: DatabaseName, cleanups: (() => Promise<void>)[]): OpenTestDatabase {
  return async (opts = {}) => {
    let db: Db;
    if (name === 'sqlite') {
      const dir = mkdtempSync(join(tmpdir(), 'vedetta-db-'));
      db = await openDatabase({ kind: 'sqlite', path: join(dir, 'test.sqlite') });
      cleanups.push(async () => {
        await db.destroy();
        rmSync(dir, { recursive: true, force: true });
      });
    } else {
      const base = testPostgresUrl();
      if (base === undefined) {
        throw new Error(
          'PostgreSQL is not available for the tests: install postgresql-15 ' +
            '(/usr/lib/postgresql/15/bin) or set VEDETTA_TEST_PG_URL',
        );
      }
      const created = await createPgDatabase(base);
      db = await openDatabase({ kind: 'postgres', url: created.url, poolSize: 4 });
      cleanups.push(async () => {
        await db.destroy();
        await created.drop();
      });
    }
    if (opts.migrate ?? true) await migrateToLatest(db);
    return db;
  };
}

/**
 * Declares the cases in `body` twice, in a `describe('sqlite')` and a `describe('postgres')`.
 * `open` gives each test its own fresh database.
 */
export function forEachDatabase(body: (name: DatabaseName, open: OpenTestDatabase) => void): void {
  for (const name of ['sqlite', 'postgres'] as const) {
    const skip = name === 'postgres' && testPostgresUrl() === undefined && !inCi();
    (skip ? describe.skip : describe)(name, () => {
      const cleanups: (() => Promise<void>)[] = [];
      afterEach(async () => {
        for (const c of cleanups.splice(0).reverse()) await c();
      });
      body(name, opener(name, cleanups));
    });
  }
  afterAll(async () => {
    const pool = adminPool;
    adminPool = undefined;
    await pool?.end();
  });
}
