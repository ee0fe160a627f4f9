/** Runs a command body against an installation's services, closing the database afterwards. */
import { userInfo } from 'node:os';
import { systemClock, createLogger } from '../../app/index.ts';
import type { Config } from '../../app/index.ts';
import type { Services } from '../../compose/index.ts';
import { createServices } from '../../compose/index.ts';
import { openInstallationDb } from '../installation.ts';

/** Opens the installation, runs `body` with its services, closes the database. */
export async function withServices<T>(
  config: Config,
  body: (s: Services) => Promise<T>,
): Promise<T> {
  const db = await openInstallationDb(config);
  try {
    const logger = createLogger({ level: 'warn', destination: process.stderr });
    return await body(createServices({ db, clock: systemClock, logger, config }));
  } finally {
    await db.destroy();
  }
}

/**
 * Writes a change made from the command line into the audit trail and seals it with a checkpoint
 * (closing the trail for this process: one change per command). There is no session, so the
 * entry names the operating-system account that ran the command and the source `local-cli`.
 */
export function auditCliChange(
  s: Services,
  action: string,
  resource: string,
  details: Record<string, unknown>,
): Promise<void> {
  let osUser = 'unknown';
  try {
    osUser = userInfo().username;
  } catch {
    // No passwd entry for this uid: keep 'unknown'.
  }
  return s.audit
    .record({
      action,
      outcome: 'granted',
      username: `cli:${osUser}`,
      sourceAddress: 'local-cli',
      resource,
      details: { ...details, via: 'cli' },
    })
    .then(() => s.audit.close());
}
