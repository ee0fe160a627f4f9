import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from './api-error.ts';
import { createApiClient } from './client.ts';

/**
 * A small real HTTP server on loopback that answers like the Vedetta API would for a few fixed
 * requests, so the client's real fetch, status and body handling run end to end.
 */
type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void;

const routes = new Map<string, Handler>();
let server: Server;
let baseUrl = '';

function json(res: ServerResponse, status: number, body: unknown, headers = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

const user = {
  id: 'u1',
  username: 'admin',
  displayName: 'Admin',
  role: 'administrator',
  agencyId: 'pm',
  permissions: ['camera.live'],
};

routes.set('POST /api/session', (_req, body, res) => {
  const { username, password } = JSON.parse(body) as { username: string; password: string };
  if (username === 'busy') {
    json(
      res,
      429,
      { error: { kind: 'resource_exhausted', message: 'slow down' } },
      {
        'retry-after': '30',
      },
    );
  } else if (username === 'admin' && password === 'secret') {
    json(res, 200, { user });
  } else if (username === 'totp' && password === 'secret') {
    json(res, 200, { secondFactor: 'totp', challenge: 'c'.repeat(43), expiresMs: 1 });
  } else {
    json(res, 401, { error: { kind: 'unauthenticated', message: 'invalid credentials' } });
  }
});
routes.set('POST /api/session/second-factor', (_req, body, res) => {
  const answer = JSON.parse(body) as { challenge: string; code?: string };
  if (answer.challenge === 'c'.repeat(43) && answer.code === '123456') json(res, 200, { user });
  else json(res, 401, { error: { kind: 'unauthenticated', message: 'wrong code' } });
});
routes.set('GET /api/session', (_req, _body, res) => {
  json(res, 401, { error: { kind: 'unauthenticated', message: 'no session' } });
});
routes.set('DELETE /api/session', (_req, _body, res) => {
  json(res, 401, { error: { kind: 'unauthenticated', message: 'no session' } });
});
routes.set('GET /api/cameras', (_req, _body, res) => {
  json(res, 401, { error: { kind: 'unauthenticated', message: 'session expired' } });
});
routes.set('GET /api/camera-groups', (_req, _body, res) => {
  json(res, 404, { error: { kind: 'not_found', message: 'no route' } });
});
routes.set('GET /api/cameras/cam%20001/status', (_req, _body, res) => {
  json(res, 200, {
    cameraId: 'cam 001',
    live: { state: 'reconnecting', fps: 25 },
    recording: {
      state: 'recording',
      day: { expectedSeconds: 100, recordedSeconds: 98, ratio: 0.98 },
    },
  });
});
routes.set('GET /api/cameras/odd/status', (_req, _body, res) => {
  json(res, 200, { cameraId: 'odd', live: { state: 'exploded' }, recording: null });
});
routes.set('GET /api/cameras/broken/status', (_req, _body, res) => {
  res.writeHead(500, { 'content-type': 'text/plain' });
  res.end('boom');
});

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const handler = routes.get(`${req.method ?? ''} ${req.url ?? ''}`);
      if (handler) handler(req, body, res);
      else json(res, 404, { error: { kind: 'not_found', message: 'no such route' } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('api client', () => {
  it('signs in and returns the user', async () => {
    const api = createApiClient({ baseUrl });
    await expect(api.login('admin', 'secret')).resolves.toEqual(user);
  });

  it('answers the challenge of an account with a second factor, then signs in with the code', async () => {
    const lost: ApiError[] = [];
    const api = createApiClient({ baseUrl, onUnauthorized: (e) => lost.push(e) });
    const answer = await api.login('totp', 'secret');
    expect(answer).toMatchObject({ secondFactor: 'totp', challenge: 'c'.repeat(43) });
    const challenge = 'challenge' in answer ? answer.challenge : '';
    const wrong = await api.secondFactor(challenge, { code: '000000' }).catch((e: unknown) => e);
    expect(wrong).toMatchObject({ status: 401 });
    expect(lost).toEqual([]);
    await expect(api.secondFactor(challenge, { code: '123456' })).resolves.toEqual(user);
  });

  it('rejects wrong credentials with a 401 ApiError without reporting a lost session', async () => {
    const lost: ApiError[] = [];
    const api = createApiClient({ baseUrl, onUnauthorized: (e) => lost.push(e) });
    const error = await api.login('admin', 'nope').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 401, kind: 'unauthenticated' });
    expect(lost).toEqual([]);
  });

  it('reads Retry-After on a rate-limited sign-in', async () => {
    const api = createApiClient({ baseUrl });
    const error = await api.login('busy', 'x').catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 429, kind: 'resource_exhausted', retryAfterSeconds: 30 });
  });

  it('answers null for the start-up session check without a session', async () => {
    const api = createApiClient({ baseUrl });
    await expect(api.getSession()).resolves.toBeNull();
  });

  it('reports a 401 on an ordinary call as a lost session', async () => {
    const lost: ApiError[] = [];
    const api = createApiClient({ baseUrl, onUnauthorized: (e) => lost.push(e) });
    await expect(api.listCameras()).rejects.toMatchObject({ status: 401 });
    expect(lost).toHaveLength(1);
    expect(lost[0]?.message).toBe('session expired');
  });

  it('takes a sign-out without a session as done', async () => {
    const lost: ApiError[] = [];
    const api = createApiClient({ baseUrl, onUnauthorized: (e) => lost.push(e) });
    await expect(api.logout()).resolves.toBeUndefined();
    expect(lost).toEqual([]);
  });

  it('treats a 404 from endpoints not offered yet as null', async () => {
    const api = createApiClient({ baseUrl });
    await expect(api.listCameraGroups()).resolves.toBeNull();
    await expect(api.getCameraStatus('cam-404')).resolves.toBeNull();
    await expect(api.getSiteTimeZone()).resolves.toBeNull();
  });

  it("reads the site's time zone", async () => {
    routes.set('GET /api/site', (_req, _body, res) => json(res, 200, { timeZone: 'Europe/Rome' }));
    try {
      await expect(createApiClient({ baseUrl }).getSiteTimeZone()).resolves.toBe('Europe/Rome');
    } finally {
      routes.delete('GET /api/site');
    }
  });

  it('encodes camera ids in paths and reads the status', async () => {
    const api = createApiClient({ baseUrl });
    await expect(api.getCameraStatus('cam 001')).resolves.toEqual({
      state: 'reconnecting',
      completenessToday: 0.98,
      recording: true,
    });
  });

  it('keeps a status with a state this UI does not know as unknown', async () => {
    const api = createApiClient({ baseUrl });
    await expect(api.getCameraStatus('odd')).resolves.toEqual({
      state: 'unknown',
      completenessToday: null,
      recording: null,
    });
  });

  it('gives a usable error for a non-JSON failure body', async () => {
    const api = createApiClient({ baseUrl });
    await expect(api.getCameraStatus('broken')).rejects.toMatchObject({
      status: 500,
      kind: 'unknown',
      message: 'HTTP 500 without an error body',
    });
  });

  it('gives a network error with status 0 when nothing listens', async () => {
    const api = createApiClient({ baseUrl: 'http://127.0.0.1:1' });
    await expect(api.listCameras()).rejects.toMatchObject({ status: 0, kind: 'network' });
  });
});
