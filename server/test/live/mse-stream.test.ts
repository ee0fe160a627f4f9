/**
 * The MSE path over real sockets: a stream token from the HTTP route, the WebSocket with the
 * session cookie, an init segment and one fragment per frame from a key frame on, refusals that
 * are audited, and the stream ended by the server when the session ends.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { systemClock } from '../../src/app/clock.ts';
import { silentLogger } from '../../src/app/logger.ts';
import { StreamHub } from '../../src/ingest/hub.ts';
import type { StreamKind } from '../../src/ingest/types.ts';
import { parseInitSegment, readFragmentSamples } from '../../src/media/mp4/index.ts';
import { clipEvents, loadClip, type ClipFrames } from '../recording/support.ts';
import { waitFor } from '../support/wait-for.ts';
import { startLiveTestServer, type LiveTestServer } from './live-test-server.ts';

let clip: ClipFrames;
let t: LiveTestServer | undefined;
const hubs = new Map<string, StreamHub>();

function hubOf(cameraId: string, stream: StreamKind): StreamHub {
  const key = `${cameraId}/${stream}`;
  let hub = hubs.get(key);
  if (!hub) {
    hub = new StreamHub(cameraId, stream, { clock: systemClock, logger: silentLogger() });
    hubs.set(key, hub);
  }
  return hub;
}

beforeAll(async () => {
  clip = await loadClip('h264');
});

afterEach(async () => {
  await t?.close();
  t = undefined;
  hubs.clear();
});

async function start(settings?: { recheckMs: number }): Promise<LiveTestServer> {
  t = await startLiveTestServer({
    hubs: { hub: (id, stream) => (id === 'cam-404' ? undefined : hubOf(id, stream)) },
    cameraIds: ['cam-001', 'cam-002'],
    ...(settings ? { settings } : {}),
  });
  return t;
}

async function token(
  s: LiveTestServer,
  cookie: string,
  cameraId: string,
  stream: StreamKind,
): Promise<Response> {
  return fetch(`${s.origin}/api/live/${cameraId}/token`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json' },
    body: JSON.stringify({ stream }),
  });
}

interface Received {
  texts: Record<string, unknown>[];
  binaries: Buffer[];
  order: ('text' | 'binary')[];
}

/** Opens the WebSocket; resolves with it once open, or rejects with the refusal's status. */
function openSocket(url: string, cookie: string, got: Received): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers: { cookie } });
    ws.on('message', (data: Buffer, isBinary) => {
      if (isBinary) {
        got.binaries.push(data);
        got.order.push('binary');
      } else {
        got.texts.push(JSON.parse(data.toString()) as Record<string, unknown>);
        got.order.push('text');
      }
    });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

describe('MSE live streaming over WebSocket', () => {
  it('sends the init segment with its codec, then one fragment per frame from a key frame', async () => {
    const s = await start();
    const cookie = await s.user('operator');
    const res = await token(s, cookie, 'cam-001', 'sub');
    expect(res.status).toBe(200);
    const issued = (await res.json()) as { msePath: string; expiresMs: number };
    expect(issued.expiresMs).toBeGreaterThan(Date.now());

    const hub = hubOf('cam-001', 'sub');
    const got: Received = { texts: [], binaries: [], order: [] };
    const ws = await openSocket(`${s.origin.replace('http', 'ws')}${issued.msePath}`, cookie, got);
    await waitFor(() => hub.subscriberCount === 1, {
      timeoutMs: 5000,
      what: 'the hub subscription',
    });
    expect(got.texts[0]).toEqual({ type: 'waiting' });

    // Start mid-GOP: the first frames before the next key frame must not be sent.
    hub.publish({ type: 'started', info: clip.info, atMs: Date.now() });
    const events = clipEvents(clip, 60, { firstIndex: 5, wall0: Date.now() });
    for (const e of events) hub.publish(e);
    const firstKey = events.findIndex((e) => e.type === 'frame' && e.frame.isKey);
    const expected = events.length - firstKey;
    await waitFor(() => got.binaries.length === expected + 1, {
      timeoutMs: 5000,
      what: 'all fragments',
    });

    const init = got.texts.find((m) => m['type'] === 'init');
    expect(init).toMatchObject({ codec: clip.info.codecString, width: 320, height: 240 });
    expect(init?.['mimeType']).toBe(`video/mp4; codecs="${clip.info.codecString}"`);
    const parsed = parseInitSegment(new Uint8Array(got.binaries[0] ?? Buffer.alloc(0)));
    expect(parsed.codecString).toBe(clip.info.codecString);
    expect(parsed.timescale).toBe(90_000);

    const fragments = got.binaries.slice(1);
    const samples = fragments.map((f) => {
      const bytes = new Uint8Array(f);
      const list = readFragmentSamples(
        bytes,
        { start: 0, end: bytes.length },
        parsed.sampleDefaults,
      );
      expect(list).toHaveLength(1);
      return list[0];
    });
    expect(samples[0]?.isKey).toBe(true);
    expect(samples[0]?.decodeTime).toBe(0);
    expect(samples[1]?.decodeTime).toBe(3600);
    expect(got.texts.filter((m) => m['type'] === 'clock').length).toBeGreaterThan(0);

    hub.publish({ type: 'stopped', cause: 'offline', atMs: Date.now(), message: 'camera gone' });
    await waitFor(() => got.texts.some((m) => m['type'] === 'offline'), {
      timeoutMs: 5000,
      what: 'the offline message',
    });
    ws.close();
    await waitFor(() => hub.subscriberCount === 0, {
      timeoutMs: 5000,
      what: 'the subscription to end',
    });

    const starts = await s.auditEntries('live.start');
    expect(starts).toHaveLength(1);
    expect(starts[0]).toMatchObject({ outcome: 'granted', camera_id: 'cam-001' });
    await waitFor(() => s.live.viewers.count === 0, { timeoutMs: 5000, what: 'the viewer to end' });
    const stops = await s.auditEntries('live.stop');
    expect(stops).toHaveLength(1);
    expect(stops[0]?.reason).toBe('client_closed');
    expect(JSON.parse(stops[0]?.details ?? '{}')).toMatchObject({
      stream: 'sub',
      transport: 'mse',
    });
    expect(
      typeof (JSON.parse(stops[0]?.details ?? '{}') as { durationMs: unknown }).durationMs,
    ).toBe('number');
  });

  it('refuses a user without live.view, a missing token, a reused token and a token for another camera, and audits each', async () => {
    const s = await start();
    const auditor = await s.user('auditor');
    const operator = await s.user('operator');
    expect((await token(s, auditor, 'cam-001', 'main')).status).toBe(403);
    // A camera that does not exist is refused the same way (existence is not revealed).
    expect((await token(s, operator, 'cam-999', 'main')).status).toBe(403);

    const wsBase = s.origin.replace('http', 'ws');
    const none: Received = { texts: [], binaries: [], order: [] };
    await expect(openSocket(`${wsBase}/api/live/cam-001/main/mse`, operator, none)).rejects.toThrow(
      'HTTP 403',
    );
    const issued = (await (await token(s, operator, 'cam-001', 'main')).json()) as {
      token: string;
      msePath: string;
    };
    await expect(
      openSocket(`${wsBase}/api/live/cam-002/main/mse?token=${issued.token}`, operator, none),
    ).rejects.toThrow('HTTP 403');
    // The token was used up by the failed attempt: it does not open cam-001 either.
    await expect(openSocket(`${wsBase}${issued.msePath}`, operator, none)).rejects.toThrow(
      'HTTP 403',
    );
    // Without a session there is no stream at all.
    await expect(openSocket(`${wsBase}${issued.msePath}`, '', none)).rejects.toThrow('HTTP 401');

    const denied = (await s.auditEntries('live.start')).filter((e) => e.outcome === 'denied');
    expect(denied.map((e) => e.reason)).toEqual([
      'live.view not held on this camera',
      'live.view not held on this camera',
      'no stream token',
      'stream token refused: wrong_camera',
      'stream token refused: unknown_token',
    ]);
    expect(denied[0]?.username).toMatch(/^auditor/);
    expect(s.live.viewers.count).toBe(0);
  });

  it('ends the stream at logout, and audits the stop with its reason', async () => {
    // No periodic re-check within the test: only the logout itself can end the stream.
    const s = await start({ recheckMs: 3_600_000 });
    const cookie = await s.user('operator');
    const issued = (await (await token(s, cookie, 'cam-002', 'main')).json()) as {
      msePath: string;
    };
    const got: Received = { texts: [], binaries: [], order: [] };
    const ws = await openSocket(`${s.origin.replace('http', 'ws')}${issued.msePath}`, cookie, got);
    await waitFor(() => s.live.viewers.count === 1, { timeoutMs: 5000, what: 'the viewer' });
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));

    const out = await fetch(`${s.origin}/api/session`, { method: 'DELETE', headers: { cookie } });
    expect(out.status).toBeLessThan(300);
    // Logout ends the session's streams itself: no re-check is needed.
    expect(await closed).toBe(4001);
    expect(got.texts.at(-1)).toEqual({ type: 'ended', reason: 'session_ended' });
    const stops = await s.auditEntries('live.stop');
    expect(stops.map((e) => e.reason)).toEqual(['session_ended']);
    expect(hubOf('cam-002', 'main').subscriberCount).toBe(0);
  });
});
