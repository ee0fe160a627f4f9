/**
 * An in-process Vedetta for integration tests: the real services on a fresh test database, a
 * FakeClock, cheap argon2id parameters, failed-login delays recorded instead of slept, and the
 * HTTP app driven with `app.request` (no socket).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeClock } from '../../src/app/clock.ts';
import { parseConfig, type Config } from '../../src/app/config.ts';
import { silentLogger, type Logger } from '../../src/app/logger.ts';
import { OWNER_AGENCY_ID, TEST_HASHING } from '../../src/accounts/index.ts';
import type { VedettaDb } from '../../src/compose/schema.ts';
import { createHttpApp } from '../../src/compose/http-app.ts';
import type { HttpApp } from '../../src/http/http-app.ts';
import type { Services } from '../../src/compose/services.ts';
import { createServices, httpSettingsOf } from '../../src/main.ts';
import type { OpenTestDatabase } from './databases.ts';

/** A test instance of the server. */
export interface TestApp {
  db: VedettaDb;
  clock: FakeClock;
  config: Config;
  services: Services;
  app: HttpApp;
  /** Every failed-login delay requested, in milliseconds. */
  delays: number[];
  /** Sends a request; `body` is sent as JSON; `cookie` as the session cookie header. */
  request(
    method: string,
    path: string,
    opts?: { body?: unknown; cookie?: string; headers?: Record<string, string> },
  ): Promise<Response>;
  /** Logs in over HTTP and returns the `Cookie` header value for the session. */
  login(username: string, password: string): Promise<string>;
  /** Creates a user (owner agency by default) and returns a logged-in cookie for them. */
  userCookie(role: string, opts?: { agencyId?: string; username?: string }): Promise<string>;
}

/** The password every test user gets. */
export const TEST_PASSWORD = 'correct horse battery staple';

/** Starts a test app on a fresh database from `open`. `config` overrides parts of the config. */
export async function createTestApp(
  open: OpenTestDatabase,
  opts: { config?: Record<string, unknown>; logger?: Logger } = {},
): Promise<TestApp> {
  const db = await open();
  const clock = new FakeClock(Date.UTC(2026, 2, 1, 9, 0, 0));
  const config = parseConfig({
    // A folder of its own: the audit witness file and the recordings of one test app must never
    // be another's.
    storage: { path: mkdtempSync(join(tmpdir(), 'vedetta-test-')) },
    server: { trustProxy: true },
    ...opts.config,
  });
  const delays: number[] = [];
  const services = createServices({
    db,
    clock,
    logger: opts.logger ?? silentLogger(),
    config,
    hashing: TEST_HASHING,
    loginDelay: (ms) => {
      delays.push(ms);
      return Promise.resolve();
    },
  });
  const app = createHttpApp(services, { ...httpSettingsOf(config), webDist: null });
  let userCount = 0;

  const request: TestApp['request'] = async (method, path, r = {}) => {
    const headers: Record<string, string> = { ...r.headers };
    if (r.cookie !== undefined) headers['cookie'] = r.cookie;
    let body: string | undefined;
    if (r.body !== undefined) {
      headers['content-type'] ??= 'application/json';
      body = typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
    }
    return app.request(path, { method, headers, ...(body !== undefined ? { body } : {}) });
  };

  const login: TestApp['login'] = async (username, password) => {
    const res = await request('POST', '/api/session', { body: { username, password } });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
    const set = res.headers.get('set-cookie') ?? '';
    const cookie = set.split(';')[0];
    if (!cookie) throw new Error('login: no cookie');
    return cookie;
  };

  return {
    db,
    clock,
    config,
    services,
    app,
    delays,
    request,
    login,
    async userCookie(role, o = {}) {
      userCount += 1;
      const username = o.username ?? `${role}${userCount}`;
      await services.accounts.users.create({
        username,
        password: TEST_PASSWORD,
        role,
        agencyId: o.agencyId ?? OWNER_AGENCY_ID,
      });
      return login(username, TEST_PASSWORD);
    },
  };
}
