/**
 * Vitest global setup: gives the integration tests a PostgreSQL. When `VEDETTA_TEST_PG_URL` is
 * already set (an existing server), it is used as is; otherwise, when the PostgreSQL 15 binaries
 * are installed, a throwaway cluster is started for the run and removed afterwards. Workers see the
 * URL in `VEDETTA_TEST_PG_URL`. Without either, PostgreSQL cases fail under CI (see databases.ts).
 */
import { postgresInstalled, startPostgresCluster } from './postgres-cluster.ts';

/** Starts the cluster (if needed) and returns the teardown that stops it. */
export default async function setup(): Promise<(() => void) | undefined> {
  if (process.env['VEDETTA_TEST_PG_URL'] || !postgresInstalled()) return undefined;
  const cluster = await startPostgresCluster();
  process.env['VEDETTA_TEST_PG_URL'] = cluster.url;
  return () => {
    delete process.env['VEDETTA_TEST_PG_URL'];
    cluster.stop();
  };
}
