/**
 * Start-up: database, migrations, services (`services.ts`), HTTP, background work, in order, one
 * line each. `startVedetta` is what `vedetta serve` and `vedetta demo` run. Nothing here runs on
 * import.
 */
import type { Schema } from './schema.ts';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';
import type { Clock, DatabaseOptions } from '../app/index.ts';
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
import { startServer, type RunningServer, defaultWebDist, tileImageSource } from '../http/index.ts';
import { createServices, type Services } from './services.ts';
import { feedIntoAlarms } from './alarm-sources.ts';
import { startOnvifClockCheck } from './onvif-clock.ts';
import { startOnvifEvents } from './onvif-events.ts';
import { CameraSync } from '../recording/index.ts';

/** Vedetta's version, from the server package. */
export const VERSION: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;

/** The HTTP settings a configuration implies. */
export function httpSettingsOf(config: Config): HttpSettings {
  const https = config.server.tls !== null || config.server.behindTlsProxy;
  const tiles = tileImageSource(config.privacy.map.tileUrl);
  const basemap = config.map.basemap;
  const mapTiles =
    basemap === null || basemap.kind === 'pmtiles' ? null : tileImageSource(basemap.url);
  return {
    secureCookies: https,
    https,
    trustProxy: config.server.trustProxy,
    trustedProxies: config.server.trustedProxies,
    allowedOrigins: config.server.allowedOrigins,
    imageSources: [...new Set([tiles, mapTiles].filter((s) => s !== null))],
    maxBodyBytes: config.server.maxBodyBytes,
    webDist: config.web.distPath ?? defaultWebDist(),
    version: VERSION,
    timeZone: config.site.timeZone,
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
  restrictUmask(); // 0. what Vedetta creates is not for other users: folders 0750, files 0640
  prepareDataFolders(config, logger); // 0b. the data folder 0750, the secrets folder 0700
  const dbOptions = databaseOptionsOf(config, { env: opts.env ?? process.env });
  const db = await openDatabase<Schema>(dbOptions); // 1. database (a new SQLite file is 0600)
  warnLooseModes(config, dbOptions, logger); // 1b. say so when others may read the data
  let server: RunningServer | undefined;
  let media: { stop(): Promise<void> } | undefined;
  try {
    const applied = await migrateToLatest(db); // 2. schema
    if (applied.length > 0) logger.info({ applied }, 'database migrated');
    const services = createServices({ db, clock, logger, config }); // 3. services
    const cameraSync = new CameraSync({
      ...services,
      env: opts.env,
      secretsDirectory: config.secrets.directory,
    }); // 3b. ingest and recording
    media = stopMedia(services, cameraSync);
    await cameraSync.start(); // repairs recordings first, then records the enabled cameras
    services.audit.start(); // 3c. periodic audit checkpoints
    services.access.start(); // 3d. access-change watch (other nodes, agreement expiry)
    services.retention.start(); // 3e. retention sweeps and disk pressure (after repair)
    await services.exports.start(); // 3f. export jobs left unfinished by a stop
    await services.accounts.login.start(); // 3g. accounts being guessed at, as alarms
    const alarmFeed = feedIntoAlarms(
      services.live.alarms,
      services.retention.alarms,
      services.alarms.system,
      services.alarmQueue,
    ); // 3h. cameras offline and recording gaps, into the alarm console
    const onvifClock = startOnvifClockCheck({
      cameras: services.cameras,
      sink: services.alarms.system,
      queue: services.alarmQueue,
      clock,
      logger,
      config: config.onvif,
    }); // 3i. ONVIF cameras' clocks against the server's, into the alarm console
    const onvifEvents = startOnvifEvents({
      cameras: services.cameras,
      sink: services.alarms.system,
      queue: services.alarmQueue,
      clock,
      logger,
      config: config.onvif,
      events: services.cameraEvents,
    }); // 3j. ONVIF camera events (motion, tamper, inputs): timeline intervals, alarm console
    const app = createHttpApp(services, httpSettingsOf(config)); // 4. HTTP app
    const tls = config.server.tls;
    server = await startServer({
      app,
      host: config.server.host,
      port: config.server.port,
      ...(tls ? { tls: { cert: readFileSync(tls.certFile), key: readFileSync(tls.keyFile) } } : {}),
    }); // 5. listen
    await services.restream.start(); // 5b. the RTSP re-stream for partners, when configured
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
        alarmFeed();
        onvifClock?.stop();
        await onvifEvents?.stop();
        await services.cameraEvents.idle(); // the last intervals ended ('stopped') and written
        services.accounts.login.stop();
        await services.exports.stop();
        await services.retention.stop();
        await media?.stop();
        await running.close();
        await services.playback.stop(); // what open playback sessions showed, to the audit trail
        await services.ptz.close();
        services.access.stop();
        await services.alarmQueue.idle();
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

/**
 * Stops camera sync, then the re-stream and live streams, then recording (closing segments), then
 * ingest.
 */
function stopMedia(services: Services, cameraSync: CameraSync): { stop(): Promise<void> } {
  return {
    async stop() {
      await cameraSync.stop();
      await services.restream.close(); // its sessions' ends, to the audit trail
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

/** The umask Vedetta runs with: nothing it creates is readable by other users. */
const UMASK = 0o027;

/** Sets the umask to at least 027 (a stricter one is kept); not possible in a worker thread. */
function restrictUmask(): void {
  if (!isMainThread) return;
  const previous = process.umask(UMASK);
  if ((previous | UMASK) !== UMASK) process.umask(previous | UMASK);
}

/**
 * Creates `storage.path` (0750) and the secrets folder (0700) when they do not exist. A secrets
 * folder that cannot be created (one the administrator manages elsewhere) is only a warning:
 * cameras with `file:` credentials there are then not ingested.
 */
function prepareDataFolders(config: Config, logger: Logger): void {
  mkdirSync(config.storage.path, { recursive: true, mode: 0o750 });
  const secrets = config.secrets.directory;
  if (existsSync(secrets)) return;
  try {
    mkdirSync(secrets, { recursive: true, mode: 0o700 });
  } catch (err) {
    logger.warn({ err, path: secrets }, 'cannot create the secrets folder (secrets.directory)');
  }
}

/** The permission bits of `path`, or undefined when it does not exist. */
function modeOf(path: string): number | undefined {
  try {
    return statSync(path).mode & 0o777;
  } catch {
    return undefined;
  }
}

/**
 * Warns when the data folder is open to more than its group's reading (looser than 0750), the
 * secrets folder to other users, or a SQLite database file to anyone but its owner (looser than
 * 0600, `-wal` and `-shm` included). Vedetta does not change modes someone chose; it says so.
 */
function warnLooseModes(config: Config, db: DatabaseOptions, logger: Logger): void {
  const octal = (mode: number) => mode.toString(8).padStart(4, '0');
  const checks: { path: string; allowed: number; what: string }[] = [
    { path: config.storage.path, allowed: 0o750, what: 'data folder (storage.path)' },
    { path: config.secrets.directory, allowed: 0o770, what: 'secrets folder (secrets.directory)' },
  ];
  if (db.kind === 'sqlite' && db.path !== ':memory:') {
    for (const path of [db.path, `${db.path}-wal`, `${db.path}-shm`]) {
      checks.push({ path, allowed: 0o600, what: 'database file' });
    }
  }
  for (const { path, allowed, what } of checks) {
    const mode = modeOf(path);
    if (mode === undefined || (mode & ~allowed) === 0) continue;
    logger.warn(
      { path, mode: octal(mode), expected: octal(allowed) },
      `${what} ${path} is open to other users (mode ${octal(mode)}); chmod it to ${octal(allowed)} or stricter`,
    );
  }
}
