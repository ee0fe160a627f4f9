/**
 * An in-process Vedetta with the live routes, on a real socket, for the live integration tests:
 * a fresh SQLite database, the real accounts and camera registry, the real audit log, and hubs
 * that the test feeds (or an ingest manager). Sessions resolve on the real clock.
 */
import type { VedettaDb } from '../../src/compose/schema.ts';
import type { Schema } from '../../src/compose/schema.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createNodeWebSocket } from '@hono/node-ws';
import { OpenAPIHono } from '@hono/zod-openapi';
import { systemClock } from '../../src/app/clock.ts';
import { parseConfig } from '../../src/app/config.ts';
import { silentLogger } from '../../src/app/logger.ts';
import { OWNER_AGENCY_ID, TEST_HASHING } from '../../src/accounts/index.ts';
import { AuditLog } from '../../src/audit/audit-log.ts';
import { openDatabase } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import type { AppEnv } from '../../src/http/context.ts';
import { errorHandler } from '../../src/http/errors.ts';
import type { RunningServer } from '../../src/http/server.ts';
import type { Services } from '../../src/compose/services.ts';
import { sessionMiddleware } from '../../src/accounts/session-middleware.ts';
import { loadOrCreateInstallationKey } from '../../src/keys/installation-key.ts';
import {
  createLiveService,
  liveRoutes,
  registryLiveAccess,
  type HubSource,
  type LiveService,
  type LiveSettings,
} from '../../src/live/index.ts';
import type { AlarmSources } from '../../src/live/alarm-feed.ts';
import { createServices, httpSettingsOf } from '../../src/main.ts';

/** The password of every test user. */
export const PASSWORD = 'correct horse battery staple';

/** A running live test server. */
export interface LiveTestServer {
  db: VedettaDb;
  services: Services;
  live: LiveService;
  audit: AuditLog;
  server: RunningServer;
  /** `http://127.0.0.1:PORT`. */
  origin: string;
  /** Creates a user and returns its session cookie (`vedetta_session=...`). */
  user(role: string, username?: string): Promise<string>;
  /** The audit entries with this action, oldest first. */
  auditEntries(action: string): Promise<
    {
      outcome: string;
      camera_id: string | null;
      reason: string | null;
      details: string | null;
      username: string | null;
    }[]
  >;
  close(): Promise<void>;
}

/** Starts the server; `hubs` is where streams come from. */
export async function startLiveTestServer(opts: {
  hubs: HubSource;
  cameraIds: string[];
  settings?: Partial<LiveSettings>;
  alarmSources?: AlarmSources;
}): Promise<LiveTestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'vedetta-live-'));
  const db = await openDatabase<Schema>({ kind: 'sqlite', path: join(dir, 'test.sqlite') });
  await migrateToLatest(db);
  const logger = silentLogger();
  const config = parseConfig({ storage: { path: dir } });
  const services = createServices({
    db,
    clock: systemClock,
    logger,
    config,
    hashing: TEST_HASHING,
  });
  const audit = new AuditLog({ db, key: loadOrCreateInstallationKey(dir), clock: systemClock });
  const live = createLiveService({
    clock: systemClock,
    logger,
    access: registryLiveAccess({ sessions: services.accounts.sessions, cameras: services.cameras }),
    audit,
    hubs: opts.hubs,
    ...(opts.alarmSources ? { alarmSources: opts.alarmSources } : {}),
    ...(opts.settings ? { settings: opts.settings } : {}),
  });
  for (const id of opts.cameraIds) {
    await services.cameras.create({
      id,
      name: `Camera ${id}`,
      streams: { main: `rtsp://127.0.0.1:9/${id}`, sub: `rtsp://127.0.0.1:9/${id}/sub` },
      location: { latitude: 44.1, longitude: 9.82, address: 'Via Roma', district: 'Centro' },
      purpose: 'urban_security',
      signage: { status: 'placed', placedOn: '2025-01-01' },
      retentionDays: 3,
    });
  }
  const app = new OpenAPIHono<AppEnv>();
  const ws = createNodeWebSocket({ app });
  app.onError(errorHandler(logger));
  app.use('/api/*', sessionMiddleware(services.accounts.sessions));
  app.route(
    '/api',
    liveRoutes({ live, upgradeWebSocket: ws.upgradeWebSocket, http: { trustProxy: false } }),
  );
  const { sessionRoutes } = await import('../../src/accounts/routes.ts');
  app.route(
    '/api',
    sessionRoutes({
      ...services,
      live,
      http: { ...httpSettingsOf(config), webDist: null },
      upgradeWebSocket: ws.upgradeWebSocket,
    }),
  );
  const server = await startServerWith(app, ws);
  const origin = server.url.replace(/\/$/, '');

  async function login(username: string): Promise<string> {
    const res = await fetch(`${origin}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: PASSWORD }),
    });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
    if (!cookie) throw new Error('no session cookie');
    return cookie;
  }
  let n = 0;
  return {
    db,
    services,
    live,
    audit,
    server,
    origin,
    async user(role, username) {
      const name = username ?? `${role}${++n}`;
      await services.accounts.users.create({
        username: name,
        password: PASSWORD,
        role,
        agencyId: OWNER_AGENCY_ID,
      });
      return login(name);
    },
    async auditEntries(action) {
      await audit.flush();
      return db
        .selectFrom('audit_entries')
        .select(['outcome', 'camera_id', 'reason', 'details', 'username'])
        .where('action', '=', action)
        .orderBy('seq')
        .execute();
    },
    async close() {
      await live.close();
      await server.close();
      await audit.close();
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function startServerWith(
  app: OpenAPIHono<AppEnv>,
  ws: ReturnType<typeof createNodeWebSocket>,
): Promise<RunningServer> {
  const { serve } = await import('@hono/node-server');
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info) => {
      resolve({
        url: `http://127.0.0.1:${info.port}/`,
        port: info.port,
        close: () =>
          new Promise<void>((done) => {
            for (const c of ws.wss.clients) c.terminate();
            server.close(() => done());
            if ('closeAllConnections' in server) server.closeAllConnections();
          }),
      });
    });
    ws.injectWebSocket(server);
  });
}
