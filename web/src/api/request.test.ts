import { afterEach, describe, expect, it, vi } from 'vitest';
import { LANGUAGES, translate } from '../i18n/index.ts';
import { ApiError, ERROR_KINDS, errorMessageKey } from './api-error.ts';
import { createApiClient } from './client.ts';
import { apiRequest, createRequest, setUnauthorizedHandler } from './request.ts';

/** One call as the fake fetch saw it. */
interface Seen {
  url: string;
  method: string | undefined;
  credentials: RequestCredentials | undefined;
  headers: Record<string, string>;
  body: BodyInit | null | undefined;
}

/** A fake fetch that records every call and answers with `reply`. */
function fakeFetch(reply: (url: string) => Response | Promise<Response>) {
  const seen: Seen[] = [];
  const fetch = vi.fn((url: string, init?: RequestInit) => {
    seen.push({
      url,
      method: init?.method,
      credentials: init?.credentials,
      headers: { ...(init?.headers as Record<string, string> | undefined) },
      body: init?.body,
    });
    return Promise.resolve(reply(url));
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, seen };
}

function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

const notFound = () =>
  json({ error: { kind: 'not_found', message: 'camera cam-9 not found' } }, 404);

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the request function', () => {
  it('sends a GET same-origin, asking for JSON, and reads the answer', async () => {
    const { fetch, seen } = fakeFetch(() => json({ cameras: [] }));
    const request = createRequest({ fetch });
    await expect(request('GET', '/api/cameras')).resolves.toEqual({ cameras: [] });
    expect(seen).toEqual([
      {
        url: '/api/cameras',
        method: 'GET',
        credentials: 'same-origin',
        headers: { accept: 'application/json' },
        body: null,
      },
    ]);
  });

  it('puts the base URL before the path', async () => {
    const { fetch, seen } = fakeFetch(() => json({}));
    await createRequest({ fetch, baseUrl: 'http://127.0.0.1:9' })('GET', '/api/x');
    expect(seen[0]?.url).toBe('http://127.0.0.1:9/api/x');
  });

  it('sends a JSON body as application/json', async () => {
    const { fetch, seen } = fakeFetch(() => json({ id: 'e1' }, 201));
    const request = createRequest({ fetch });
    await expect(request('POST', '/api/exports', { body: { reason: 'x' } })).resolves.toEqual({
      id: 'e1',
    });
    expect(seen[0]).toMatchObject({
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      body: '{"reason":"x"}',
    });
  });

  it('resolves with undefined for an empty answer (204)', async () => {
    const { fetch } = fakeFetch(() => new Response(null, { status: 204 }));
    await expect(createRequest({ fetch })('DELETE', '/api/roles/x')).resolves.toBeUndefined();
  });

  it('sends a raw body as it is, with its content type', async () => {
    const { fetch, seen } = fakeFetch(() => json({ ok: true }));
    const file = new Blob(['PK\u0003\u0004'], { type: 'application/zip' });
    const request = createRequest({ fetch });
    await expect(
      request('POST', '/uploads/verify-package', {
        raw: { data: file, contentType: 'application/zip' },
      }),
    ).resolves.toEqual({ ok: true });
    expect(seen[0]).toMatchObject({
      method: 'POST',
      credentials: 'same-origin',
      headers: { accept: 'application/json', 'content-type': 'application/zip' },
    });
    expect(seen[0]?.body).toBe(file);
  });

  it('reads a binary answer as bytes or as a Blob, without asking for JSON', async () => {
    const bytes = new Uint8Array([0, 1, 2, 255]);
    const { fetch, seen } = fakeFetch(() => new Response(bytes, { status: 200 }));
    const request = createRequest({ fetch });
    const buffer = await request('GET', '/api/x/init', { responseType: 'bytes' });
    expect(buffer).toBeInstanceOf(ArrayBuffer);
    expect([...new Uint8Array(buffer)]).toEqual([0, 1, 2, 255]);
    const blob = await request('GET', '/api/x/package.zip', { responseType: 'blob' });
    expect(blob).toBeInstanceOf(Blob);
    expect([...new Uint8Array(await blob.arrayBuffer())]).toEqual([0, 1, 2, 255]);
    expect(seen.map((s) => s.headers)).toEqual([{}, {}]);
  });

  it("turns the server's error body into an ApiError with its kind, status and details", async () => {
    const { fetch } = fakeFetch(() =>
      json(
        {
          error: {
            kind: 'invalid_argument',
            message: 'reason is required',
            details: { issues: [{ key: 'reason' }] },
          },
        },
        400,
      ),
    );
    const error = await createRequest({ fetch })('POST', '/api/exports', { body: {} }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 400,
      kind: 'invalid_argument',
      message: 'reason is required',
      details: { issues: [{ key: 'reason' }] },
    });
  });

  it('reads Retry-After, and names the status of a failure without an error body', async () => {
    const busy = fakeFetch(() =>
      json({ error: { kind: 'resource_exhausted', message: 'slow down' } }, 429, {
        'retry-after': '12',
      }),
    );
    await expect(createRequest({ fetch: busy.fetch })('GET', '/api/x')).rejects.toMatchObject({
      status: 429,
      kind: 'resource_exhausted',
      retryAfterSeconds: 12,
    });
    const broken = fakeFetch(() => new Response('boom', { status: 502 }));
    await expect(createRequest({ fetch: broken.fetch })('GET', '/api/x')).rejects.toMatchObject({
      status: 502,
      kind: 'unknown',
    });
  });

  it('reports a 401 as a lost session, unless the call expects it', async () => {
    const lost: ApiError[] = [];
    const { fetch } = fakeFetch(() =>
      json({ error: { kind: 'unauthenticated', message: 'a session is required' } }, 401),
    );
    const request = createRequest({ fetch, onUnauthorized: (e) => lost.push(e) });
    await expect(request('GET', '/api/register')).rejects.toMatchObject({
      status: 401,
      kind: 'unauthenticated',
    });
    expect(lost).toHaveLength(1);
    expect(lost[0]?.message).toBe('a session is required');

    await expect(
      request('DELETE', '/api/session', { unauthorizedIsAnswer: true }),
    ).rejects.toMatchObject({ status: 401 });
    expect(lost).toHaveLength(1);
  });

  it('does not report other failures as a lost session', async () => {
    const lost: ApiError[] = [];
    const { fetch } = fakeFetch(notFound);
    const request = createRequest({ fetch, onUnauthorized: (e) => lost.push(e) });
    await expect(request('GET', '/api/cameras/cam-9')).rejects.toMatchObject({ status: 404 });
    expect(lost).toEqual([]);
  });

  it('gives a network error with status 0, but lets an abort through as it is', async () => {
    const refused = vi.fn(() => Promise.reject(new TypeError('fetch failed')));
    const request = createRequest({ fetch: refused as unknown as typeof fetch });
    await expect(request('GET', '/api/cameras')).rejects.toMatchObject({
      status: 0,
      kind: 'network',
      message: 'GET /api/cameras: server unreachable',
    });

    const controller = new AbortController();
    controller.abort();
    const abortError = new DOMException('aborted', 'AbortError');
    const aborted = vi.fn(() => Promise.reject(abortError));
    await expect(
      createRequest({ fetch: aborted as unknown as typeof fetch })('GET', '/api/cameras', {
        signal: controller.signal,
      }),
    ).rejects.toBe(abortError);
  });

  it('passes the abort signal on', async () => {
    let signal: AbortSignal | null | undefined;
    const fetch = vi.fn((_url: string, init?: RequestInit) => {
      signal = init?.signal;
      return Promise.resolve(json({}));
    });
    const controller = new AbortController();
    await createRequest({ fetch: fetch as unknown as typeof globalThis.fetch })('GET', '/api/x', {
      signal: controller.signal,
    });
    expect(signal).toBe(controller.signal);
  });

  it('rejects a successful answer that is not JSON with an invalid_response ApiError', async () => {
    const { fetch } = fakeFetch(() => new Response('<html>', { status: 200 }));
    await expect(createRequest({ fetch })('GET', '/api/x')).rejects.toMatchObject({
      kind: 'invalid_response',
    });
  });
});

describe("the application's request function", () => {
  it("uses the browser's fetch at call time and reports a 401 to the handler set", async () => {
    const { fetch, seen } = fakeFetch((url) =>
      url === '/api/register'
        ? json({ error: { kind: 'unauthenticated', message: 'no session' } }, 401)
        : json({ entries: [] }),
    );
    vi.stubGlobal('fetch', fetch);
    const lost: ApiError[] = [];
    const remove = setUnauthorizedHandler((e) => lost.push(e));
    try {
      await expect(apiRequest('GET', '/api/compliance/report')).resolves.toEqual({ entries: [] });
      await expect(apiRequest('GET', '/api/register')).rejects.toMatchObject({ status: 401 });
      expect(lost).toHaveLength(1);
    } finally {
      remove();
    }
    await expect(apiRequest('GET', '/api/register')).rejects.toMatchObject({ status: 401 });
    expect(lost).toHaveLength(1);
    expect(seen.map((s) => s.url)).toEqual([
      '/api/compliance/report',
      '/api/register',
      '/api/register',
    ]);
  });

  it('is what the API client uses when made without options', async () => {
    const { fetch, seen } = fakeFetch(() =>
      json({ error: { kind: 'unauthenticated', message: 'session expired' } }, 401),
    );
    vi.stubGlobal('fetch', fetch);
    const lost: ApiError[] = [];
    const remove = setUnauthorizedHandler((e) => lost.push(e));
    try {
      await expect(createApiClient().listCameras()).rejects.toMatchObject({ status: 401 });
      await expect(createApiClient().getSession()).resolves.toBeNull();
    } finally {
      remove();
    }
    expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual([
      'GET /api/cameras',
      'GET /api/session',
    ]);
    expect(lost.map((e) => e.message)).toEqual(['session expired']);
  });
});

describe('errorMessageKey', () => {
  // The server's kinds: ErrorKind in server/src/app/errors.ts.
  const serverKinds = [
    'not_found',
    'permission_denied',
    'unauthenticated',
    'invalid_argument',
    'failed_precondition',
    'already_exists',
    'resource_exhausted',
    'payload_too_large',
    'unavailable',
    'internal',
  ];

  it('has words in every language for every kind the server sends', () => {
    for (const kind of serverKinds) {
      expect(ERROR_KINDS, kind).toContain(kind);
      const key = errorMessageKey(new ApiError(400, kind, 'm'));
      expect(key, kind).toBe(`error.kind.${kind}`);
      for (const lang of LANGUAGES) expect(translate(lang, key), `${lang} ${kind}`).toBeTruthy();
    }
  });

  it('says "server unreachable" for a network failure', () => {
    expect(errorMessageKey(new ApiError(0, 'network', 'm'))).toBe('error.unreachable');
  });

  it('falls back to an unexpected error for unknown kinds and for other errors', () => {
    expect(errorMessageKey(new ApiError(418, 'teapot', 'm'))).toBe('error.kind.unknown');
    expect(errorMessageKey(new ApiError(418, 'toString', 'm'))).toBe('error.kind.unknown');
    expect(errorMessageKey(new Error('x'))).toBe('error.kind.unknown');
    expect(errorMessageKey('x')).toBe('error.kind.unknown');
  });
});
