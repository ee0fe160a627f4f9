/**
 * Runs the same integration cases on SQLite and on PostgreSQL, each test on a fresh database of
 * its own (a new SQLite file; a `CREATE DATABASE` on PostgreSQL):
 *
 *     forEachDatabase((name, open) => {
 *       it('stores a camera', async () => { const db = await open(); ... });
 *     });
 *
 * `open()` gives a database at the latest schema: on PostgreSQL a copy of the template database
 * that the global setup migrated once for the run (`VEDETTA_TEST_PG_TEMPLATE`), on SQLite (and on
 * a PostgreSQL without that template) a new database that runs every migration. Tests of the
 * migrations themselves ask for an empty one, `open({ migrate: false })`, or use `create` (the
 * third argument) for a database they can close and reopen.
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
import type { Schema, VedettaDb } from '../../src/compose/schema.ts';
import { openDatabase } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { databaseUrl, PG_TEMPLATE_ENV, PG_URL_ENV, waitForNoSessions } from './postgres-cluster.ts';

/** The two databases every integration case runs on. */
export type DatabaseName = 'sqlite' | 'postgres';

/** Options for a test database. */
export interface OpenTestDatabaseOptions {
  /** At the latest schema (default true); false gives an empty database. */
  migrate?: boolean;
}

/** Opens a fresh database for the current test; it is closed and deleted after the test. */
export type OpenTestDatabase = (opts?: OpenTestDatabaseOptions) => Promise<VedettaDb>;

/** A fresh database for the current test that can be connected to, closed and reopened. */
export interface TestDatabase {
  /** Opens a new handle on the database; any the test leaves open are closed after it. */
  connect(): Promise<VedettaDb>;
}

/** Creates a fresh database for the current test; it is deleted after the test. */
export type CreateTestDatabase = (opts?: OpenTestDatabaseOptions) => Promise<TestDatabase>;

/** The PostgreSQL server for tests, or undefined. */
export function testPostgresUrl(): string | undefined {
  const url = process.env[PG_URL_ENV];
  return url === undefined || url === '' ? undefined : url;
}

function testPostgresTemplate(): string | undefined {
  const name = process.env[PG_TEMPLATE_ENV];
  return name === undefined || name === '' ? undefined : name;
}

function inCi(): boolean {
  const ci = process.env['CI'];
  return ci !== undefined && ci !== '' && ci !== 'false' && ci !== '0';
}

let adminPool: pg.Pool | undefined;

/**
 * Whether the template is known to be at the latest schema. The first copy made in each test
 * file runs the (then no-op) migrations once; should they apply anything, as after a migration
 * was added while vitest ran in watch mode, every later copy is migrated as well.
 */
let templateCurrent = false;

/** A new PostgreSQL database: empty, or a copy of `template`. */
async function createPgDatabase(
  baseUrl: string,
  template: string | undefined,
): Promise<{ url: string; drop(): Promise<void> }> {
  adminPool ??= new pg.Pool({ connectionString: baseUrl, max: 2 });
  const pool = adminPool;
  const name = `vedetta_t_${randomBytes(6).toString('hex')}`;
  await pool.query(
    template === undefined
      ? `CREATE DATABASE ${name}`
      : `CREATE DATABASE ${name} TEMPLATE ${template}`,
  );
  return {
    url: databaseUrl(baseUrl, name),
    drop: async () => {
      await waitForNoSessions(pool, name);
      await pool.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

function creator(name: DatabaseName, cleanups: (() => Promise<void>)[]): CreateTestDatabase {
  return async (opts = {}) => {
    const handles: VedettaDb[] = [];
    let connectTo: () => Promise<VedettaDb>;
    let migrated = false;
    let cloned = false;
    if (name === 'sqlite') {
      const dir = mkdtempSync(join(tmpdir(), 'vedetta-db-'));
      const path = join(dir, 'test.sqlite');
      connectTo = () => openDatabase<Schema>({ kind: 'sqlite', path });
      cleanups.push(async () => {
        for (const h of handles) await h.destroy();
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
      const template = (opts.migrate ?? true) ? testPostgresTemplate() : undefined;
      const created = await createPgDatabase(base, template);
      cloned = template !== undefined;
      migrated = cloned && templateCurrent;
      connectTo = () => openDatabase<Schema>({ kind: 'postgres', url: created.url, poolSize: 4 });
      cleanups.push(async () => {
        for (const h of handles) await h.destroy();
        await created.drop();
      });
    }
    const connect = async (): Promise<VedettaDb> => {
      const db = await connectTo();
      handles.push(db);
      if ((opts.migrate ?? true) && !migrated) {
        const applied = await migrateToLatest(db);
        if (cloned) templateCurrent = applied.length === 0;
        migrated = true;
      }
      return db;
    };
    return { connect };
  };
}

/**
 * Declares the cases in `body` twice, in a `describe('sqlite')` and a `describe('postgres')`.
 * `open` gives each test its own fresh database; `create` one it can close and reopen.
 */
export function forEachDatabase(
  body: (name: DatabaseName, open: OpenTestDatabase, create: CreateTestDatabase) => void,
): void {
  for (const name of ['sqlite', 'postgres'] as const) {
    const skip = name === 'postgres' && testPostgresUrl() === undefined && !inCi();
    (skip ? describe.skip : describe)(name, () => {
      const cleanups: (() => Promise<void>)[] = [];
      afterEach(async () => {
        for (const c of cleanups.splice(0).reverse()) await c();
      });
      const create = creator(name, cleanups);
      const open: OpenTestDatabase = async (opts) => (await create(opts)).connect();
      body(name, open, create);
    });
  }
  afterAll(async () => {
    const pool = adminPool;
    adminPool = undefined;
    await pool?.end();
  });
}
