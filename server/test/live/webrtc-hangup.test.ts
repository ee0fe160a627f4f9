/**
 * Hanging up a WebRTC live stream over real sockets: `DELETE /api/live/webrtc/{id}` answers 204
 * whether it ends the session or the session has already gone (the browser closing its peer
 * connection usually ends it first), and leaves another user's session alone with the same 204.
 */
import nodeDataChannel from 'node-datachannel';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/app/clock.ts';
import { silentLogger } from '../../src/app/logger.ts';
import { StreamHub } from '../../src/ingest/hub.ts';
import { waitFor } from '../support/wait-for.ts';
import { startLiveTestServer, type LiveTestServer } from './live-test-server.ts';

let t: LiveTestServer | undefined;
const peers: nodeDataChannel.PeerConnection[] = [];

afterEach(async () => {
  for (const pc of peers.splice(0)) pc.close();
  await t?.close();
  t = undefined;
});

/** A receive-only H.264 offer with its candidates, as a browser would send it. */
async function clientOffer(): Promise<string> {
  const pc = new nodeDataChannel.PeerConnection('test-client', { iceServers: [] });
  peers.push(pc);
  const video = new nodeDataChannel.Video('0', 'RecvOnly');
  video.addH264Codec(96);
  pc.addTrack(video);
  pc.createDataChannel('status');
  await waitFor(() => pc.gatheringState() === 'complete', {
    timeoutMs: 5000,
    what: 'ICE gathering',
  });
  const sdp = pc.localDescription()?.sdp;
  if (sdp === undefined) throw new Error('no offer');
  return sdp;
}

async function openSession(s: LiveTestServer, cookie: string): Promise<string> {
  const tokenRes = await fetch(`${s.origin}/api/live/cam-001/token`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json' },
    body: JSON.stringify({ stream: 'main' }),
  });
  expect(tokenRes.status).toBe(200);
  const { token, webrtcPath } = (await tokenRes.json()) as { token: string; webrtcPath: string };
  const answer = await fetch(`${s.origin}${webrtcPath}`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json' },
    body: JSON.stringify({ token, sdp: await clientOffer() }),
  });
  expect(answer.status).toBe(200);
  return ((await answer.json()) as { sessionId: string }).sessionId;
}

const hangUp = (s: LiveTestServer, cookie: string, id: string) =>
  fetch(`${s.origin}/api/live/webrtc/${id}`, { method: 'DELETE', headers: { cookie } });

describe('WebRTC hang-up', () => {
  it('answers 204 when it ends the session, and 204 again once it is gone', async () => {
    const hub = new StreamHub('cam-001', 'main', { clock: systemClock, logger: silentLogger() });
    t = await startLiveTestServer({ hubs: { hub: () => hub }, cameraIds: ['cam-001'] });
    const owner = await t.user('operator');
    const other = await t.user('operator');
    const id = await openSession(t, owner);
    expect(t.live.webrtc.count).toBe(1);

    // Someone else's hang-up: the same answer as for an unknown session, and nothing ends.
    expect((await hangUp(t, other, id)).status).toBe(204);
    expect(t.live.webrtc.count).toBe(1);

    expect((await hangUp(t, owner, id)).status).toBe(204);
    expect(t.live.webrtc.count).toBe(0);
    // Idempotent: the teardown racing the peer connection's own close finds it gone.
    expect((await hangUp(t, owner, id)).status).toBe(204);
    expect((await hangUp(t, owner, crypto.randomUUID())).status).toBe(204);
  });

  it('still needs a session', async () => {
    const hub = new StreamHub('cam-001', 'main', { clock: systemClock, logger: silentLogger() });
    t = await startLiveTestServer({ hubs: { hub: () => hub }, cameraIds: ['cam-001'] });
    const res = await fetch(`${t.origin}/api/live/webrtc/${crypto.randomUUID()}`, {
      method: 'DELETE',
    });
    expect(res.status).toBe(401);
  });
});
