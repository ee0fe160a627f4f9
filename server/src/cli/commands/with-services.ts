/** Runs a command body against an installation's services, closing the database afterwards. */
import { systemClock } from '../../app/clock.ts';
import type { Config } from '../../app/config.ts';
import { createLogger } from '../../app/logger.ts';
import type { Services } from '../../http/services.ts';
import { createServices } from '../../main.ts';
import { openInstallationDb } from '../installation.ts';

/** Opens the installation, runs `body` with its services, closes it. */
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
