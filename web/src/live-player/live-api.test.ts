import { afterEach, describe, expect, it, vi } from 'vitest';
import { fetchCalls as calls, stubFetch } from '../api/fetch-stub.ts';
import { setUnauthorizedHandler } from '../api/index.ts';
import { hangUpWebRtc, requestStreamToken } from './live-api.ts';

const noSession = () =>
  new Response(JSON.stringify({ error: { kind: 'unauthenticated', message: 'no session' } }), {
    status: 401,
  });

async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 0));
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('live calls', () => {
  it('ask for a stream token with a JSON body', async () => {
    stubFetch(
      () =>
        new Response(JSON.stringify({ token: 't', expiresMs: 1, msePath: '/m', webrtcPath: '/w' })),
    );
    await expect(requestStreamToken('cam 1', 'sub', { transcode: true })).resolves.toMatchObject({
      token: 't',
    });
    expect(calls[0]?.url).toBe('/api/live/cam%201/token');
    expect(calls[0]?.init?.method).toBe('POST');
    expect(calls[0]?.init?.body).toBe('{"stream":"sub","transcode":true}');
  });

  it('report a token refused for lack of a session as a lost session', async () => {
    stubFetch(noSession);
    const lost: number[] = [];
    const remove = setUnauthorizedHandler((e) => lost.push(e.status));
    try {
      await expect(requestStreamToken('cam-1', 'main')).rejects.toMatchObject({ status: 401 });
    } finally {
      remove();
    }
    expect(lost).toEqual([401]);
  });

  it('hang up best effort, taking a 401 (a tile stopping after sign-out) as no news', async () => {
    stubFetch(noSession);
    const lost: number[] = [];
    const remove = setUnauthorizedHandler((e) => lost.push(e.status));
    try {
      hangUpWebRtc('s 1');
      await settle();
    } finally {
      remove();
    }
    expect(calls.map((c) => `${c.init?.method} ${c.url}`)).toEqual([
      'DELETE /api/live/webrtc/s%201',
    ]);
    expect(lost).toEqual([]);
  });
});
