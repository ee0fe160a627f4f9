import { afterEach, describe, expect, it, vi } from 'vitest';
import { fetchCalls as calls, stubFetch } from '../api/fetch-stub.ts';
import { ApiError } from '../api/index.ts';
import { getInit, getMedia, getTimeline } from './playback-api.ts';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('playback calls', () => {
  it('read an init segment as bytes', async () => {
    stubFetch(() => new Response(new Uint8Array([1, 2, 3])));
    const bytes = await getInit({ session: 's1', camera: 'cam 1' }, 7);
    expect([...new Uint8Array(bytes)]).toEqual([1, 2, 3]);
    expect(calls[0]?.url).toBe('/api/playback/sessions/s1/cameras/cam%201/segments/7/init');
    expect(calls[0]?.init).toMatchObject({
      method: 'GET',
      credentials: 'same-origin',
      headers: {},
    });
  });

  it('ask for the timeline with the cameras and the window in the query', async () => {
    stubFetch(
      () => new Response(JSON.stringify({ from: 'a', to: 'b', cameras: [] }), { status: 200 }),
    );
    await expect(getTimeline(['cam-001', 'cam-002'], 0, 60_000)).resolves.toEqual({
      from: 'a',
      to: 'b',
      cameras: [],
    });
    expect(calls[0]?.url).toBe(
      '/api/timeline?cameras=cam-001%2Ccam-002&from=1970-01-01T00:00:00.000Z&to=1970-01-01T00:01:00.000Z',
    );
  });

  it('ask for the sub-stream only when the player wants it', async () => {
    stubFetch(() => new Response(JSON.stringify({ segments: [] }), { status: 200 }));
    await getMedia({ session: 's1', camera: 'cam-001', stream: 'sub' }, 0, 60_000);
    await getMedia({ session: 's1', camera: 'cam-001' }, 0, 60_000);
    expect(calls.map((c) => c.url)).toEqual([
      '/api/playback/sessions/s1/cameras/cam-001/media?from=1970-01-01T00:00:00.000Z&to=1970-01-01T00:01:00.000Z&stream=sub',
      '/api/playback/sessions/s1/cameras/cam-001/media?from=1970-01-01T00:00:00.000Z&to=1970-01-01T00:01:00.000Z',
    ]);
  });

  it("reject a refused media request with the server's kind", async () => {
    stubFetch(
      () =>
        new Response(
          JSON.stringify({ error: { kind: 'permission_denied', message: 'look-back limit' } }),
          { status: 403 },
        ),
    );
    const error = await getInit({ session: 's1', camera: 'c' }, 1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 403, kind: 'permission_denied' });
  });
});
