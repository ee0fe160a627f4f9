/**
 * Start-up: database, migrations, services (`services.ts`), HTTP, background work, in order, one
 * line each. `startVedetta` is what `vedetta serve` and `vedetta demo` run. Nothing here runs on
 * import.
 */
import type { Schema } from './schema.ts';
import { readFileSync } from 'node:fs';
import type { Clock } from '../app/index.ts';
import {
  systemClock,
  databaseOptionsOf,
  type Config,
  createLogger,
  type Logger,
  resolveSecretRef,
} from '../app/index.ts';
import { openDatabase, migrateToLatest } from '../db/index.ts';
import { createHttpApp } from './http-app.ts';
import type { HttpApp, HttpSettings } from '../http/index.ts';
import { startServer, type RunningServer, defaultWebDist } from '../http/index.ts';
import { createServices, type Services } from './services.ts';
import { CameraSync } from '../recording/index.ts';

/** Vedetta's version, from the server package. */
export const VERSION: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;

/** The HTTP settings a configuration implies. */
export function httpSettingsOf(config: Config): HttpSettings {
  return {
    secureCookies: config.server.tls !== null || config.server.behindTlsProxy,
    trustProxy: config.server.trustProxy,
    maxBodyBytes: config.server.maxBodyBytes,
    webDist: config.web.distPath ?? defaultWebDist(),
    version: VERSION,
    metricsToken: config.metrics.token === null ? null : resolveSecretRef(config.metrics.token),
  };
}

/** How to start. */
export interface StartOptions {
  config: Config;
  clock?: Clock;
  logger?: Logger;
  /** Where `env:` secret references are read from; `process.env` by default. */
  env?: NodeJS.ProcessEnv;
}

/** A running Vedetta. */
export interface Vedetta {
  config: Config;
  services: Services;
  app: HttpApp;
  server: RunningServer;
  /** The web address, e.g. `http://127.0.0.1:8080/`. */
  url: string;
  /** Brings ingest and recording in line with the camera registry now (also done every 30 s). */
  syncCameras(): Promise<void>;
  /** Stops serving, stops background work, closes the database. */
  close(): Promise<void>;
}

const HOUR_MS = 3_600_000;

/**
 * Starts Vedetta from a validated configuration: database, migrations, services, HTTP. Either
 * everything starts or nothing stays running (a failure closes what was opened and rethrows).
 */
export async function startVedetta(opts: StartOptions): Promise<Vedetta> {
  const { config } = opts;
  const clock = opts.clock ?? systemClock;
  const logger = opts.logger ?? createLogger({ level: config.log.level });
  const db = await openDatabase<Schema>(
    databaseOptionsOf(config, { env: opts.env ?? process.env }),
  ); // 1. database
  let server: RunningServer | undefined;
  let media: { stop(): Promise<void> } | undefined;
  try {
    const applied = await migrateToLatest(db); // 2. schema
    if (applied.length > 0) logger.info({ applied }, 'database migrated');
    const services = createServices({ db, clock, logger, config }); // 3. services
    const cameraSync = new CameraSync({ ...services, env: opts.env }); // 3b. ingest and recording
    media = stopMedia(services, cameraSync);
    await cameraSync.start(); // repairs recordings first, then records the enabled cameras
    services.audit.start(); // 3c. periodic audit checkpoints
    services.access.start(); // 3d. access-change watch (other nodes, agreement expiry)
    services.retention.start(); // 3e. retention sweeps and disk pressure (after repair)
    await services.exports.start(); // 3f. export jobs left unfinished by a stop
    const app = createHttpApp(services, httpSettingsOf(config)); // 4. HTTP app
    const tls = config.server.tls;
    server = await startServer({
      app,
      host: config.server.host,
      port: config.server.port,
      ...(tls ? { tls: { cert: readFileSync(tls.certFile), key: readFileSync(tls.keyFile) } } : {}),
    }); // 5. listen
    const maintenance = startMaintenance(services, clock, logger); // 6. housekeeping
    logger.info({ url: server.url, version: VERSION }, 'vedetta started');
    const running = server;
    return {
      config,
      services,
      app,
      server: running,
      url: running.url,
      syncCameras: () => cameraSync.sync(),
      async close() {
        maintenance.cancel();
        await services.exports.stop();
        await services.retention.stop();
        await media?.stop();
        await running.close();
        services.access.stop();
        await services.audit.close();
        await db.destroy();
        logger.info('vedetta stopped');
      },
    };
  } catch (e) {
    await media?.stop();
    await server?.close();
    await db.destroy();
    throw e;
  }
}

/** Stops camera sync, then live streams, then recording (closing segments), then ingest. */
function stopMedia(services: Services, cameraSync: CameraSync): { stop(): Promise<void> } {
  return {
    async stop() {
      await cameraSync.stop();
      await services.live.close();
      await services.recording.stop();
      await services.ingest.stop();
    },
  };
}

/** Hourly: drops expired sessions and login attempts older than 30 days. */
function startMaintenance(services: Services, clock: Clock, logger: Logger): { cancel(): void } {
  let timer = clock.setTimeout(tick, HOUR_MS);
  let stopped = false;
  function tick(): void {
    const work = async () => {
      const sessions = await services.accounts.sessions.purgeExpired();
      const attempts = await services.accounts.login.purgeAttempts(
        clock.nowMs() - 30 * 24 * HOUR_MS,
      );
      if (sessions + attempts > 0) logger.debug({ sessions, attempts }, 'purged');
    };
    work()
      .catch((err: unknown) => logger.error({ err }, 'maintenance failed'))
      .finally(() => {
        if (!stopped) timer = clock.setTimeout(tick, HOUR_MS);
      });
  }
  return {
    cancel() {
      stopped = true;
      timer.cancel();
    },
  };
}
