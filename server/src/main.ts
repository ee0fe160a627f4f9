/**
 * Start-up: the modules are created explicitly, in order, one line each. `startVedetta` is what
 * `vedetta serve` and `vedetta demo` run; tests call `createServices` to get the same services
 * on their own database and clock. Nothing here runs on import.
 */
import { readFileSync } from 'node:fs';
import type { Clock } from './app/clock.ts';
import { systemClock } from './app/clock.ts';
import { databaseOptionsOf, type Config } from './app/config.ts';
import { createLogger, type Logger } from './app/logger.ts';
import { createAccounts, type HashingParams } from './accounts/index.ts';
import { createCameraGroupService } from './cameras/groups.ts';
import { createCameraRegistry } from './cameras/registry.ts';
import { openDatabase, type Db } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { createHttpApp, type HttpApp } from './http/app.ts';
import { startServer, type RunningServer } from './http/server.ts';
import type { HttpSettings, Services } from './http/services.ts';
import { defaultWebDist } from './http/static-web.ts';
import { IngestManager } from './ingest/manager.ts';
import { resolveSecretRef } from './app/secrets.ts';
import { CameraSync } from './recording/camera-sync.ts';
import { createRecordingService, KEYS_DIR } from './recording/create.ts';
import { join } from 'node:path';
import { createAccessService } from './access/service.ts';
import { createAuditService } from './audit/service.ts';
import { createPlayback } from './playback/create.ts';
import { createExports, EXPORTS_DIR } from './export/create.ts';
import { createLive, liveSettingsOf } from './live/wiring.ts';
import { createHoldService } from './holds/hold-service.ts';
import { createPrivacyServices } from './privacy/services.ts';
import { RetentionService } from './retention/service.ts';
import { loadOrCreateInstallationKey, type InstallationKey } from './keys/installation-key.ts';

/** Vedetta's version, from the server package. */
export const VERSION: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;

/** What the services are built from. */
export interface ServiceDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  config: Config;
  /** argon2id cost (tests lower it). */
  hashing?: HashingParams;
  /** How a failed login waits (tests pass one that does not sleep). */
  loginDelay?: (ms: number) => Promise<void>;
  /** The installation key; loaded (or created) from `<storage.path>/keys` by default. */
  installationKey?: InstallationKey;
}

/** Creates every module's services, in dependency order. */
export function createServices(deps: ServiceDeps): Services {
  const { db, clock, logger, config } = deps;
  const key =
    deps.installationKey ?? loadOrCreateInstallationKey(join(config.storage.path, KEYS_DIR));
  const audit = createAuditService({ db, key, clock, logger, config: config.audit });
  const accounts = createAccounts({
    db,
    clock,
    logger,
    audit,
    auth: config.auth,
    ...(deps.hashing ? { hashing: deps.hashing } : {}),
    ...(deps.loginDelay ? { delay: deps.loginDelay } : {}),
  });
  const cameras = createCameraRegistry({
    db,
    clock,
    retentionDefaults: config.retention.defaultDays,
  });
  const cameraGroups = createCameraGroupService({ db, clock });
  const ingest = new IngestManager([], {
    logger: logger.child({ module: 'ingest' }),
    clock,
    readBatchMs: config.recording.readBatchMs,
  });
  const recording = createRecordingService({ db, clock, logger, config, ingest });
  const access = createAccessService({ db, clock, logger, audit, accounts });
  const holds = createHoldService({ db, clock, audit });
  const privacy = createPrivacyServices({ db, clock, audit, holds, config: config.privacy });
  const storageRoot = recording.storageRoot;
  const retention = new RetentionService({
    db,
    clock,
    logger,
    audit,
    storageRoot,
    exportsRoot: join(config.storage.path, EXPORTS_DIR),
    config: config.retention,
    recording,
  });
  const live = createLive({
    clock,
    logger,
    accounts,
    access,
    cameras,
    audit,
    ingest,
    recording,
    alarms: retention.alarms,
    settings: liveSettingsOf(config.live),
  });
  const playback = createPlayback({ db, clock, config, access, ingest, masks: privacy.masks });
  const exports = createExports({
    db,
    clock,
    logger,
    config,
    audit,
    access,
    accounts,
    cameras,
    masks: privacy.masks,
  });
  return {
    playback,
    exports,
    clock,
    logger,
    db,
    audit,
    accounts,
    access,
    cameras,
    cameraGroups,
    ingest,
    recording,
    live,
    holds,
    privacy,
    retention,
  };
}

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
  const db = await openDatabase(databaseOptionsOf(config, { env: opts.env ?? process.env })); // 1. database
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
