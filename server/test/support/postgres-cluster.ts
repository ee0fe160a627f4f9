/**
 * A throwaway PostgreSQL cluster for the integration tests: `initdb` into a temporary folder,
 * listen on 127.0.0.1 on a free port (the unix socket stays in the folder), trust authentication
 * for the `vedetta` superuser. Works as root by running the server binaries as `postgres`. Also the
 * small pieces the global setup and `databases.ts` share: the environment variables they pass on,
 * a database's URL, and waiting for a database's sessions to end.
 */
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';

/** Where Debian's PostgreSQL 15 server binaries are. */
export const PG_BIN = '/usr/lib/postgresql/15/bin';

/** The PostgreSQL server's superuser URL (database `postgres`), set by the global setup. */
export const PG_URL_ENV = 'VEDETTA_TEST_PG_URL';

/** The template database migrated to the latest schema, set by the global setup. */
export const PG_TEMPLATE_ENV = 'VEDETTA_TEST_PG_TEMPLATE';

/** `baseUrl` pointing at database `name` instead. */
export function databaseUrl(baseUrl: string, name: string): string {
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * Waits (at most about two seconds) until no session is connected to database `name`. pg's
 * `Pool.end()` resolves before its clients have finished closing, so a database just closed by a
 * test may still show a backend for a few milliseconds; dropping it WITH (FORCE) or cloning it
 * meanwhile would fail or kill that backend with a FATAL.
 */
export async function waitForNoSessions(admin: pg.Pool | pg.Client, name: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const r = await admin.query<{ n: string }>(
      'SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1',
      [name],
    );
    if (Number(r.rows[0]?.n ?? 0) === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A running cluster: its superuser URL (database `postgres`) and how to stop it. */
export interface PostgresCluster {
  url: string;
  stop(): void;
}

/** True when the PostgreSQL 15 binaries are installed. */
export function postgresInstalled(): boolean {
  return existsSync(join(PG_BIN, 'initdb'));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function asPostgresUser(binary: string, args: string[]): void {
  const full = join(PG_BIN, binary);
  const isRoot = process.getuid?.() === 0;
  const [cmd, argv] = isRoot ? ['runuser', ['-u', 'postgres', '--', full, ...args]] : [full, args];
  execFileSync(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
}

/** Creates and starts a cluster; `stop()` shuts it down and deletes its folder. */
export async function startPostgresCluster(): Promise<PostgresCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'vedetta-pg-'));
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  const port = await freePort();
  try {
    asPostgresUser('initdb', [
      '-D',
      data,
      '-U',
      'vedetta',
      '--auth=trust',
      '-E',
      'UTF8',
      '--no-sync',
      '--locale=C',
    ]);
    const options = [
      `-h 127.0.0.1 -p ${port} -k ${dir}`,
      '-c fsync=off -c synchronous_commit=off -c full_page_writes=off',
      '-c max_connections=200',
    ].join(' ');
    asPostgresUser('pg_ctl', [
      '-D',
      data,
      '-o',
      options,
      '-l',
      join(dir, 'log'),
      '-w',
      '-t',
      '60',
      'start',
    ]);
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  return {
    url: `postgres://vedetta@127.0.0.1:${port}/postgres`,
    stop() {
      try {
        asPostgresUser('pg_ctl', ['-D', data, '-m', 'immediate', '-w', '-t', '30', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
