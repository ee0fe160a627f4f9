/**
 * A crowd of live viewers in a process of its own (so that their CPU is not the server's), for
 * `bench:live`: `live-viewers.ts ORIGIN COOKIE mse|webrtc COUNT CAMERA STREAM`. Each viewer asks
 * for a stream token and opens the MSE WebSocket, or posts a WebRTC offer made with
 * node-datachannel (receive-only H.264). Prints `ready` once every viewer receives video, then,
 * when its standard input closes, `bytes N` (everything received) and exits.
 */
import nodeDataChannel from 'node-datachannel';
import WebSocket from 'ws';

const [origin = '', cookie = '', transport = 'mse', countText = '1', camera = '', stream = ''] =
  process.argv.slice(2);
const count = Number(countText);
let bytes = 0;
const closers: (() => void)[] = [];

async function token(): Promise<{ token: string; msePath: string; webrtcPath: string }> {
  const res = await fetch(`${origin}/api/live/${camera}/token`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json' },
    body: JSON.stringify({ stream }),
  });
  if (!res.ok) throw new Error(`token: HTTP ${res.status}`);
  return (await res.json()) as { token: string; msePath: string; webrtcPath: string };
}

async function mseViewer(): Promise<void> {
  const t = await token();
  const url = new URL(t.msePath, origin);
  url.protocol = 'ws:';
  const ws = new WebSocket(url, { headers: { cookie } });
  closers.push(() => ws.close());
  await new Promise<void>((resolve, reject) => {
    ws.on('message', (data: Buffer, binary) => {
      if (!binary) return;
      bytes += data.length;
      resolve();
    });
    ws.once('error', reject);
  });
}

async function webrtcViewer(): Promise<void> {
  const t = await token();
  const pc = new nodeDataChannel.PeerConnection('viewer', { iceServers: [] });
  const video = new nodeDataChannel.Video('0', 'RecvOnly');
  video.addH264Codec(102, 'level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f');
  const track = pc.addTrack(video);
  closers.push(() => pc.close());
  const got = new Promise<void>((resolve) => {
    track.onMessage((msg) => {
      bytes += msg.length;
      resolve();
    });
  });
  pc.setLocalDescription();
  await new Promise<void>((resolve) => {
    if (pc.gatheringState() === 'complete') resolve();
    pc.onGatheringStateChange((s) => s === 'complete' && resolve());
  });
  const res = await fetch(`${origin}${t.webrtcPath}`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json' },
    body: JSON.stringify({ token: t.token, sdp: pc.localDescription()?.sdp ?? '' }),
  });
  if (!res.ok) throw new Error(`offer: HTTP ${res.status} ${await res.text()}`);
  const answer = (await res.json()) as { sdp: string };
  pc.setRemoteDescription(answer.sdp, 'answer');
  await got;
}

const open = transport === 'webrtc' ? webrtcViewer : mseViewer;
await Promise.all(Array.from({ length: count }, () => open()));
console.log('ready');
process.stdin.resume();
process.stdin.on('end', () => {
  console.log(`bytes ${bytes}`);
  for (const close of closers) close();
  if (transport === 'webrtc') nodeDataChannel.cleanup();
  process.exit(0);
});
