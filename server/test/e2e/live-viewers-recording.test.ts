/**
 * Twenty live viewers on one camera do not slow its recording: over windows of the same length,
 * the recorder writes the same number of frames with and without twenty MSE viewers on the very
 * stream it records (counts compared, not timings), skips none, and opens no gap.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Demo } from '../../src/cli/demo/start-demo.ts';
import { waitFor } from '../support/wait-for.ts';
import { startTestCity } from './live-e2e-support.ts';

const CAMERA = 'cam-001';
const VIEWERS = 20;
const WINDOW_MS = 8000;

let city: Demo;
let cookie = '';

beforeAll(async () => {
  city = await startTestCity(2);
  const login = await fetch(new URL('/api/session', city.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: city.username, password: city.password }),
  });
  cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
});

afterAll(async () => {
  await city?.close();
});

function recorded(): { frames: number; skipped: number; gap: boolean } {
  const s = city.vedetta.services.recording.status(CAMERA, 'main');
  if (s === undefined) throw new Error(`${CAMERA} is not being recorded`);
  return { frames: s.framesWritten, skipped: s.framesSkipped, gap: s.openGap !== undefined };
}

/** Frames the recorder wrote during a window of `WINDOW_MS` that starts right after a write. */
async function framesInWindow(): Promise<{ frames: number; skipped: number; gap: boolean }> {
  // Start and end on a fragment boundary: the counter moves once per written fragment.
  const settle = async (): Promise<void> => {
    const before = recorded().frames;
    await waitFor(() => recorded().frames !== before, {
      timeoutMs: 3000,
      intervalMs: 10,
      what: 'the recorder to write a fragment',
    });
  };
  await settle();
  const start = recorded();
  // The window itself is the measurement: the frames the recorder writes in a fixed span of wall
  // time, with and without viewers. The wait is wall-clock by design; it stops 500 ms short so
  // that the window ends at the next fragment boundary, which settle() waits for.
  await new Promise((r) => setTimeout(r, WINDOW_MS - 500));
  await settle();
  const end = recorded();
  return {
    frames: end.frames - start.frames,
    skipped: end.skipped - start.skipped,
    gap: end.gap,
  };
}

async function openViewer(): Promise<{ socket: WebSocket; fragments: () => number }> {
  const res = await fetch(new URL(`/api/live/${CAMERA}/token`, city.url), {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json' },
    body: JSON.stringify({ stream: 'main' }),
  });
  const { msePath } = (await res.json()) as { msePath: string };
  const url = new URL(msePath, city.url);
  url.protocol = 'ws:';
  let fragments = 0;
  const socket = new WebSocket(url, { headers: { cookie } });
  socket.on('message', (_data, isBinary) => {
    if (isBinary) fragments++;
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return { socket, fragments: () => fragments };
}

describe('live viewers and recording', () => {
  it('records as many frames with twenty viewers on the recorded stream as without', async () => {
    // Wait until the recorder has written something, then measure a window without viewers.
    await waitFor(() => recorded().frames > 0 && !recorded().gap, {
      timeoutMs: 30_000,
      what: 'the recorder to write without a gap',
    });
    const alone = await framesInWindow();

    const viewers = await Promise.all(Array.from({ length: VIEWERS }, () => openViewer()));
    expect(city.vedetta.services.live.viewers.count).toBe(VIEWERS);
    const before = viewers.map((v) => v.fragments());
    const watched = await framesInWindow();
    const received = viewers.map((v, i) => v.fragments() - (before[i] ?? 0));
    for (const v of viewers) v.socket.close();

    // Every viewer really watched: it received frames throughout the window.
    expect(Math.min(...received)).toBeGreaterThan((WINDOW_MS / 1000) * 20);
    // The recorder wrote the same frames (one fragment of tolerance: ~1 s at 25 fps).
    expect(Math.abs(watched.frames - alone.frames)).toBeLessThanOrEqual(26);
    expect(watched.frames).toBeGreaterThanOrEqual((WINDOW_MS / 1000) * 25 - 26);
    expect(watched.skipped).toBe(0);
    expect(watched.gap).toBe(false);
  });
});
