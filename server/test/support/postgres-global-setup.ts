/**
 * Vitest global setup: gives the integration tests a PostgreSQL. When `VEDETTA_TEST_PG_URL` is
 * already set (an existing server), it is used as is; otherwise, when the PostgreSQL 15 binaries
 * are installed, a throwaway cluster is started for the run and removed afterwards. Workers see the
 * URL in `VEDETTA_TEST_PG_URL`. Without either, PostgreSQL cases fail under CI (see databases.ts).
 *
 * Once per run it also creates a template database migrated to the latest schema, named in
 * `VEDETTA_TEST_PG_TEMPLATE`: each test's database is a `CREATE DATABASE ... TEMPLATE` copy of it,
 * already migrated, instead of an empty database that runs every migration. PostgreSQL refuses to
 * copy a database anyone is connected to, so the setup closes its own connection, waits until the
 * server has let go of it, and then forbids connections to the template altogether.
 */
import type { Schema } from '../../src/compose/schema.ts';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import {
  databaseUrl,
  PG_TEMPLATE_ENV,
  PG_URL_ENV,
  postgresInstalled,
  startPostgresCluster,
  waitForNoSessions,
  type PostgresCluster,
} from './postgres-cluster.ts';

async function withAdmin<T>(baseUrl: string, body: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    return await body(admin);
  } finally {
    await admin.end();
  }
}

/** Creates the migrated template database on the server at `baseUrl`; returns its name. */
async function createTemplate(baseUrl: string): Promise<string> {
  const name = `vedetta_template_${randomBytes(6).toString('hex')}`;
  await withAdmin(baseUrl, async (admin) => {
    await admin.query(`CREATE DATABASE ${name}`);
    const db = await openDatabase<Schema>({
      kind: 'postgres',
      url: databaseUrl(baseUrl, name),
      poolSize: 1,
    });
    try {
      await migrateToLatest(db);
    } finally {
      await db.destroy();
    }
    await admin.query(`ALTER DATABASE ${name} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false`);
    await waitForNoSessions(admin, name);
    await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [
      name,
    ]);
  });
  return name;
}

async function dropTemplate(baseUrl: string, name: string): Promise<void> {
  await withAdmin(baseUrl, async (admin) => {
    await admin.query(`ALTER DATABASE ${name} WITH IS_TEMPLATE false`);
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  });
}

/** Starts the cluster (if needed), creates the template, and returns the teardown. */
export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  const given = process.env[PG_URL_ENV];
  let cluster: PostgresCluster | undefined;
  let url: string;
  if (given !== undefined && given !== '') {
    url = given;
  } else {
    if (!postgresInstalled()) return undefined;
    cluster = await startPostgresCluster();
    url = cluster.url;
    process.env[PG_URL_ENV] = url;
  }
  let template: string;
  try {
    template = await createTemplate(url);
  } catch (e) {
    cluster?.stop();
    throw e;
  }
  process.env[PG_TEMPLATE_ENV] = template;
  return async () => {
    delete process.env[PG_TEMPLATE_ENV];
    if (cluster === undefined) {
      // Someone else's server: leave it as it was found.
      await dropTemplate(url, template);
      return;
    }
    delete process.env[PG_URL_ENV];
    cluster.stop();
  };
}
