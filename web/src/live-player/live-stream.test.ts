/**
 * The live stream's state as a tile shows it, with the browser's parts replaced by fakes: `fetch`
 * answers the token and offer calls, a fake `RTCPeerConnection` lets the test deliver status
 * messages, and a fake video element lets it present frames when it likes (as a loaded browser
 * does, late).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LiveStream } from './live-stream.ts';
import type { PlayerStateKind } from './player-state.ts';

type FrameCallback = (
  now: number,
  meta: { mediaTime: number; expectedDisplayTime: number },
) => void;

/** A video element whose frames the test presents. */
class FakeVideo {
  srcObject: unknown = null;
  private callbacks: FrameCallback[] = [];
  requestVideoFrameCallback(cb: FrameCallback): number {
    this.callbacks.push(cb);
    return this.callbacks.length;
  }
  cancelVideoFrameCallback(): void {
    this.callbacks = [];
  }
  play(): Promise<void> {
    return Promise.resolve();
  }
  /** Presents one frame: every pending callback runs once. */
  present(): void {
    const due = this.callbacks;
    this.callbacks = [];
    for (const cb of due) cb(performance.now(), { mediaTime: 0, expectedDisplayTime: 0 });
  }
}

/** The peer connections the player made, newest last. */
const peers: FakePeerConnection[] = [];

class FakePeerConnection {
  connectionState = 'new';
  iceGatheringState = 'complete';
  localDescription: { type: string; sdp: string } | null = null;
  onconnectionstatechange: (() => void) | null = null;
  ontrack: (() => void) | null = null;
  closed = false;
  readonly status: { onmessage: ((e: { data: string }) => void) | null } = { onmessage: null };
  constructor() {
    peers.push(this);
  }
  addTransceiver(): void {}
  createDataChannel(): FakePeerConnection['status'] {
    return this.status;
  }
  createOffer(): Promise<{ type: string; sdp: string }> {
    return Promise.resolve({ type: 'offer', sdp: 'v=0\r\n' });
  }
  setLocalDescription(d: { type: string; sdp: string }): Promise<void> {
    this.localDescription = d;
    return Promise.resolve();
  }
  setRemoteDescription(): Promise<void> {
    return Promise.resolve();
  }
  addEventListener(): void {}
  close(): void {
    this.closed = true;
  }
  /** The server sends a message on the `status` channel. */
  say(message: object): void {
    this.status.onmessage?.({ data: JSON.stringify(message) });
  }
}

function answer(body: object, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

/** Lets every pending promise callback run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
  await new Promise((r) => setTimeout(r, 0));
}

let tokenStatus = 200;
const requests: string[] = [];

beforeEach(() => {
  peers.length = 0;
  requests.length = 0;
  tokenStatus = 200;
  vi.stubGlobal('RTCPeerConnection', FakePeerConnection);
  vi.stubGlobal('fetch', (path: string, init?: RequestInit) => {
    requests.push(`${init?.method ?? 'GET'} ${path}`);
    if (path.endsWith('/token')) {
      if (tokenStatus !== 200) {
        return Promise.resolve(answer({ error: { code: 'forbidden', message: 'no' } }, 403));
      }
      return Promise.resolve(
        answer({
          token: 't1',
          expiresMs: 0,
          msePath: '/api/live/cam-002/sub/mse',
          webrtcPath: '/api/live/cam-002/sub/webrtc',
        }),
      );
    }
    if (path.endsWith('/webrtc')) return Promise.resolve(answer({ sessionId: 's1', sdp: 'v=0' }));
    return Promise.resolve(new Response(null, { status: 404 }));
  });
});

afterEach(() => {
  vi.unstubAllGlobals();
});

/** A WebRTC live stream of cam-002 into a fake video element, started and settled. */
async function started(): Promise<{
  video: FakeVideo;
  states: PlayerStateKind[];
  stream: LiveStream;
}> {
  const video = new FakeVideo();
  const states: PlayerStateKind[] = [];
  const stream = new LiveStream(video as unknown as HTMLVideoElement, {
    cameraId: 'cam-002',
    stream: 'sub',
    transport: 'webrtc',
    onStatus: (s) => states.push(s.state.kind),
  });
  stream.start();
  await settle();
  return { video, states, stream };
}

describe('LiveStream', () => {
  it('stays "denied" when the server revokes access, even if buffered frames are presented after', async () => {
    const { video, states, stream } = await started();
    const pc = peers[0];
    if (pc === undefined) throw new Error('no peer connection was made');
    pc.say({ type: 'online' });
    video.present();
    expect(states.at(-1)).toBe('playing');

    pc.say({ type: 'ended', reason: 'permission_revoked' });
    expect(states.at(-1)).toBe('denied');
    expect(pc.closed).toBe(true);
    // Frames the browser had already decoded are presented late, as on a loaded machine.
    video.present();
    video.present();
    expect(states.at(-1)).toBe('denied');
    // The server ended the session: no hang-up is sent for it.
    expect(requests.filter((r) => r.startsWith('DELETE'))).toEqual([]);
    stream.stop();
  });

  it('a token refused with 403 shows "denied"', async () => {
    tokenStatus = 403;
    const { states, stream } = await started();
    expect(states).toEqual(['connecting', 'denied']);
    expect(peers).toEqual([]);
    stream.stop();
  });
});
