/**
 * `POST /api/cameras/test-connection` against the camera simulator over real sockets: a working
 * stream gives its codec, size, frame rate and a JPEG still; a wrong password, an unknown path
 * and a closed port give the cause in one word; a camera that never answers is given up on by
 * the server's own timeout (its clock advanced, not waited for); only `camera.manage` may test;
 * every test is audited with the URL's host and never the password.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/sim/simulator.ts';
import { TEST_CONNECTION_TIMEOUT_MS } from '../../src/compose/camera-test-routes.ts';
import { forEachDatabase } from '../support/databases.ts';
import { waitFor } from '../support/wait-for.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

const AUTH = { username: 'admin', password: 'sim-secret-pw', scheme: 'digest' as const };
const SMALL = { width: 320, height: 180, gopSeconds: 1, sub: false as const };

interface TestResult {
  ok: boolean;
  host: string;
  codec?: string;
  width?: number;
  height?: number;
  fps?: number | null;
  image?: string | null;
  reason?: string;
  message?: string;
}

let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({
    cameras: [
      { id: 'h264', codec: 'h264', ...SMALL },
      { id: 'h265', codec: 'h265', ...SMALL },
    ],
    auth: AUTH,
    loopSeconds: 2,
    labelPerCamera: false,
  });
});

afterAll(async () => {
  await sim.close();
});

/** A port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Writes `user:password` into the app's secrets folder; returns the `file:` reference. */
function secret(t: TestApp, name: string, password: string): string {
  const path = join(t.config.secrets.directory, name);
  writeFileSync(path, `${AUTH.username}:${password}\n`);
  return `file:${path}`;
}

async function testConnection(t: TestApp, cookie: string, body: object): Promise<TestResult> {
  const res = await t.request('POST', '/api/cameras/test-connection', { cookie, body });
  expect(res.status).toBe(200);
  return (await res.json()) as TestResult;
}

describe('camera connection test', () => {
  forEachDatabase((_name, open) => {
    it('reads codec, size and frame rate and decodes a still; names why a stream fails', async () => {
      const t = await createTestApp(open);
      mkdirSync(t.config.secrets.directory, { recursive: true });
      const admin = await t.userCookie('administrator');
      const good = secret(t, 'good', AUTH.password);
      const bad = secret(t, 'bad', 'wrong-password-123');

      for (const codec of ['h264', 'h265']) {
        const r = await testConnection(t, admin, { url: sim.url(codec), credentialsRef: good });
        expect(r).toMatchObject({ ok: true, codec, width: 320, height: 180 });
        expect(r.host).toBe(`127.0.0.1:${sim.port}`);
        expect(r.fps).toBeGreaterThan(5);
        const jpeg = Buffer.from(
          (r.image ?? '').replace(/^data:image\/jpeg;base64,/, ''),
          'base64',
        );
        expect(r.image?.startsWith('data:image/jpeg;base64,')).toBe(true);
        expect([...jpeg.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
      }

      // A registered camera is tested with its stored URL and credentials.
      const created = await t.request('POST', '/api/cameras', {
        cookie: admin,
        body: {
          id: 'cam-sim',
          name: 'Simulata',
          streams: { main: sim.url('h264') },
          credentialsRef: good,
          location: { latitude: 44.1, longitude: 9.82 },
        },
      });
      expect(created.status).toBe(201);
      expect(await testConnection(t, admin, { cameraId: 'cam-sim' })).toMatchObject({
        ok: true,
        codec: 'h264',
      });

      const denied = await testConnection(t, admin, { url: sim.url('h264'), credentialsRef: bad });
      expect(denied).toMatchObject({ ok: false, reason: 'authentication' });
      expect(denied.message).not.toContain('wrong-password-123');
      expect(await testConnection(t, admin, { url: sim.url('h264') })).toMatchObject({
        ok: false,
        reason: 'authentication',
      });
      expect(
        await testConnection(t, admin, {
          url: `rtsp://127.0.0.1:${sim.port}/nope`,
          credentialsRef: good,
        }),
      ).toMatchObject({ ok: false, reason: 'not_found' });
      const port = await closedPort();
      expect(
        await testConnection(t, admin, { url: `rtsp://127.0.0.1:${port}/x`, credentialsRef: good }),
      ).toMatchObject({ ok: false, reason: 'unreachable', host: `127.0.0.1:${port}` });

      const entries = await t.db
        .selectFrom('audit_entries')
        .select(['action', 'outcome', 'camera_id', 'details'])
        .where('action', '=', 'camera.test_connection')
        .orderBy('seq')
        .execute();
      expect(entries.map((e) => [e.outcome, e.camera_id])).toEqual([
        ['granted', null],
        ['granted', null],
        ['granted', 'cam-sim'],
        ['granted', null],
        ['granted', null],
        ['granted', null],
        ['granted', null],
      ]);
      const details = entries.map((e) => JSON.parse(e.details ?? '{}') as { test: TestResult });
      expect(details.map((d) => d.test.ok)).toEqual([true, true, true, false, false, false, false]);
      expect(details[0]?.test).toMatchObject({ host: `127.0.0.1:${sim.port}`, codec: 'h264' });
      expect(details[3]?.test.reason).toBe('authentication');
      for (const e of entries) {
        expect(e.details).not.toContain(AUTH.password);
        expect(e.details).not.toContain('wrong-password-123');
        expect(e.details).not.toContain('base64');
      }
    });

    it('gives up on a camera that accepts the connection and never answers, on the server clock', async () => {
      const t = await createTestApp(open);
      const admin = await t.userCookie('administrator');
      const silent = createServer((socket) => {
        accepted.push(socket);
      });
      const accepted: Socket[] = [];
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
      const address = silent.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      try {
        const pending = testConnection(t, admin, { url: `rtsp://127.0.0.1:${port}/live` });
        await waitFor(() => accepted.length > 0, { timeoutMs: 10_000, what: 'the connection' });
        t.clock.advance(TEST_CONNECTION_TIMEOUT_MS);
        expect(await pending).toMatchObject({ ok: false, reason: 'unreachable' });
      } finally {
        for (const s of accepted) s.destroy();
        await new Promise<void>((resolve) => silent.close(() => resolve()));
      }
    });

    it('is refused without camera.manage, and validates the body naming the field', async () => {
      const t = await createTestApp(open);
      const admin = await t.userCookie('administrator');
      const operator = await t.userCookie('operator');
      const refused = await t.request('POST', '/api/cameras/test-connection', {
        cookie: operator,
        body: { url: sim.url('h264') },
      });
      expect(refused.status).toBe(403);
      const missing = await t.request('POST', '/api/cameras/test-connection', {
        cookie: admin,
        body: {},
      });
      expect(missing.status).toBe(400);
      expect(await missing.text()).toContain('url');
      const withPassword = await t.request('POST', '/api/cameras/test-connection', {
        cookie: admin,
        body: { url: `rtsp://admin:pw@127.0.0.1:${sim.port}/h264` },
      });
      expect(withPassword.status).toBe(400);
      const outside = await t.request('POST', '/api/cameras/test-connection', {
        cookie: admin,
        body: { url: sim.url('h264'), credentialsRef: 'file:/etc/passwd' },
      });
      expect(outside.status).toBe(400);
      expect(await outside.text()).toContain('credentialsRef');
      const entries = await t.db
        .selectFrom('audit_entries')
        .select(['outcome'])
        .where('action', '=', 'camera.test_connection')
        .execute();
      expect(entries.filter((e) => e.outcome === 'granted')).toEqual([]);
    });
  });
});
