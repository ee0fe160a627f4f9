/**
 * The Origin check (CSRF and cross-site WebSocket hijacking): a state-changing request or a
 * WebSocket upgrade with a valid session cookie but another site's `Origin` is refused with 403
 * `permission_denied` naming the origin; the site's own origin, an allowed one, and requests
 * without `Origin` pass; GETs are not checked. The WebSocket case is tried in-process and over a
 * real socket with the live MSE endpoint.
 */
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startServer, type RunningServer } from '../../src/http/server.ts';
import { forEachDatabase } from '../support/databases.ts';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.ts';

const EVIL = 'https://evil.example';

interface ErrorJson {
  error: { kind: string; message: string; details?: Record<string, unknown> };
}

async function expectRefused(res: Response, origin: string): Promise<void> {
  expect(res.status).toBe(403);
  const body = (await res.json()) as ErrorJson;
  expect(body.error.kind).toBe('permission_denied');
  expect(body.error.message).toContain(origin);
}

function login(t: TestApp, username: string, headers: Record<string, string> = {}) {
  return t.request('POST', '/api/session', {
    body: { username, password: TEST_PASSWORD },
    headers,
  });
}

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('the Origin check', () => {
  forEachDatabase((_db, open) => {
    it('refuses POST and DELETE from a foreign origin, even with a valid session', async () => {
      const t = await createTestApp(open);
      const admin = await t.userCookie('administrator');
      await t.userCookie('operator', { username: 'neri' });

      await expectRefused(await login(t, 'neri', { origin: EVIL }), EVIL);
      const created = await t.request('POST', '/api/camera-groups', {
        cookie: admin,
        body: { name: 'Centro storico' },
        headers: { origin: EVIL },
      });
      await expectRefused(created, EVIL);
      const logout = await t.request('DELETE', '/api/session', {
        cookie: admin,
        headers: { origin: EVIL },
      });
      await expectRefused(logout, EVIL);
      // The refused logout did not end the session.
      expect((await t.request('GET', '/api/session', { cookie: admin })).status).toBe(200);
      // `null` (sandboxed frames, some redirects) is not the site's origin either.
      await expectRefused(await login(t, 'neri', { origin: 'null' }), 'null');
    });

    it('lets the same origin, an allowed origin and requests without Origin through', async () => {
      const t = await createTestApp(open, {
        config: { server: { trustProxy: true, allowedOrigins: ['https://vedetta.example.org'] } },
      });
      const admin = await t.userCookie('administrator');
      await t.userCookie('operator', { username: 'neri' });

      expect((await login(t, 'neri')).status).toBe(200);
      expect((await login(t, 'neri', { origin: 'http://localhost' })).status).toBe(200);
      expect((await login(t, 'neri', { origin: 'https://vedetta.example.org' })).status).toBe(200);
      // The Host header names the site (a reverse proxy that passes it through).
      const viaHost = await login(t, 'neri', {
        host: 'vedetta.comune.example:8443',
        origin: 'http://vedetta.comune.example:8443',
      });
      expect(viaHost.status).toBe(200);
      await expectRefused(
        await login(t, 'neri', { host: 'vedetta.comune.example', origin: EVIL }),
        EVIL,
      );
      // GET, HEAD and OPTIONS change nothing and are not checked.
      const read = await t.request('GET', '/api/session', {
        cookie: admin,
        headers: { origin: EVIL },
      });
      expect(read.status).toBe(200);
      const logout = await t.request('DELETE', '/api/session', {
        cookie: admin,
        headers: { origin: 'http://localhost' },
      });
      expect(logout.status).not.toBe(403);
      expect(logout.status).toBeLessThan(300);
    });

    it('takes the scheme from the TLS settings: https behind a TLS-terminating proxy', async () => {
      const t = await createTestApp(open, { config: { server: { behindTlsProxy: true } } });
      await t.userCookie('operator', { username: 'neri' });
      expect((await login(t, 'neri', { origin: 'https://localhost' })).status).toBe(200);
      await expectRefused(
        await login(t, 'neri', { origin: 'http://localhost' }),
        'http://localhost',
      );
    });

    it('refuses a WebSocket upgrade from a foreign origin before the upgrade handler', async () => {
      const t = await createTestApp(open);
      const admin = await t.userCookie('administrator');
      const upgrade = (origin: string) =>
        t.app.request(
          '/api/live/cam-001/main/mse?token=x',
          {
            headers: {
              cookie: admin,
              connection: 'Upgrade',
              upgrade: 'websocket',
              'sec-websocket-version': '13',
              'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
              origin,
            },
          },
          {},
        );
      await expectRefused(await upgrade(EVIL), EVIL);
      // From the site itself the request reaches the endpoint, which refuses the bad token.
      const own = await upgrade('http://localhost');
      expect(own.status).toBe(403);
      const body = (await own.json()) as ErrorJson;
      expect(body.error.message).not.toContain('origin');
      expect(body.error.message).toContain('stream token');
    });

    it('refuses a cross-site WebSocket over a real socket; the same origin opens it', async () => {
      const t = await createTestApp(open);
      const admin = await t.userCookie('administrator');
      const camera = await t.request('POST', '/api/cameras', {
        cookie: admin,
        body: {
          name: 'Piazza Verdi',
          streams: { main: 'rtsp://10.0.0.11:554/stream1' },
          location: { latitude: 44.1069, longitude: 9.8256 },
        },
      });
      expect(camera.status).toBe(201);
      const cameraId = ((await camera.json()) as { id: string }).id;
      const running = await startServer({ app: t.app, host: '127.0.0.1', port: 0 });
      server = running;
      const site = running.url.replace(/\/$/, '');

      const msePath = async (): Promise<string> => {
        const res = await t.request('POST', `/api/live/${cameraId}/token`, {
          cookie: admin,
          body: { stream: 'main' },
        });
        expect(res.status).toBe(200);
        return ((await res.json()) as { msePath: string }).msePath;
      };
      const connect = async (origin: string): Promise<number | 'open'> => {
        const url = `${site.replace(/^http/, 'ws')}${await msePath()}`;
        const ws = new WebSocket(url, { headers: { cookie: admin }, origin });
        return new Promise((resolve, reject) => {
          ws.once('open', () => {
            ws.close();
            resolve('open');
          });
          ws.once('unexpected-response', (_req, res) => {
            resolve(res.statusCode ?? 0);
            ws.terminate();
          });
          ws.once('error', (err) => reject(err));
        });
      };

      expect(await connect(EVIL)).toBe(403);
      expect(await connect(site)).toBe('open');
    });
  });
});
