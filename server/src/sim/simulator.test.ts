import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { senderReportsOf } from '../media/rtp/rtcp.ts';
import type { ClipRequest } from './clip-spec.ts';
import type { PreparedClip } from './prepared-clip.ts';
import type { Simulator } from './simulator.ts';
import { startSimulator } from './simulator.ts';
import { TestRtspClient } from './test-client.ts';
import { loadPreparedClip, receivedFrames, samePayloads } from './test-frames.ts';

const SMALL = { width: 320, height: 180, gopSeconds: 1 } as const;
const LOOP_SECONDS = 2; // 50 frames: a 60-frame capture crosses the loop

function clipOf(
  codec: 'h264' | 'h265',
  id: string,
  size: { width: number; height: number; gopSeconds: number } = SMALL,
): ClipRequest {
  return { codec, ...size, loopSeconds: LOOP_SECONDS, label: id };
}

let sim: Simulator;
const clients: TestRtspClient[] = [];

async function connect(id: string, sub = false): Promise<TestRtspClient> {
  const c = await TestRtspClient.connect(sim.url(id, sub));
  clients.push(c);
  return c;
}

beforeAll(async () => {
  sim = await startSimulator({
    cameras: [
      { id: 'cam-001', codec: 'h264', ...SMALL, sub: { width: 160, height: 90 } },
      { id: 'cam-002', codec: 'h265', ...SMALL, sub: false },
    ],
    loopSeconds: LOOP_SECONDS,
    senderReportMs: 400,
  });
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await sim.close();
});

describe.each([
  ['h264', 'cam-001'],
  ['h265', 'cam-002'],
] as const)('%s over RTSP interleaved TCP', (codec, id) => {
  let clip: PreparedClip;
  beforeAll(async () => {
    clip = await loadPreparedClip(clipOf(codec, id));
  });

  it('plays in real time with consecutive sequence numbers, 3600-tick frames and markers', async () => {
    const client = await connect(id);
    const { stream, rtpInfo } = await client.play();
    expect(stream.codec).toBe(codec);
    expect(stream.params).toEqual(clip.params);
    await client.waitFor(() => client.frameEnds().length >= 60, 10_000, '60 frames');
    const [first] = client.rtp;
    expect(first?.seq).toBe(rtpInfo[0]?.seq);
    expect(first?.timestamp).toBe(rtpInfo[0]?.rtptime);
    const frames = receivedFrames(client.rtp).slice(0, 60);
    for (let i = 1; i < client.rtp.length; i++) {
      const a = client.rtp[i - 1];
      const b = client.rtp[i];
      expect(b?.seq).toBe(((a?.seq ?? 0) + 1) & 0xffff);
      expect(b?.ssrc).toBe(first?.ssrc);
    }
    frames.forEach((f, k) => {
      // One timestamp per frame, advancing 3600 ticks (25 fps at 90 kHz) across the loop.
      const ts = ((first?.timestamp ?? 0) + k * 3600) >>> 0;
      expect(f.every((p) => p.timestamp === ts)).toBe(true);
      expect(f.slice(0, -1).every((p) => !p.marker)).toBe(true);
      // Byte-identical replay of the prepared clip, looping after 50 frames.
      const prepared = clip.frames[k % clip.frames.length];
      expect(prepared && samePayloads(f, prepared)).toBe(true);
    });
    // Real-time pacing itself is tested on a fake clock in pacer.test.ts.
  });

  it('sends RTCP sender reports that map wall time to the stream clock', async () => {
    const client = await connect(id);
    await client.play();
    await client.waitFor(() => client.rtcp.length >= 1, 5000, 'a sender report');
    const [sr] = senderReportsOf(client.rtcp[0] ?? new Uint8Array(0));
    const first = client.rtp[0];
    expect(sr?.ssrc).toBe(first?.ssrc);
    expect(Math.abs((sr?.wallMs ?? 0) - Date.now())).toBeLessThan(5000);
    // The report's RTP time is the stream clock at the report's wall time.
    const ticksSinceFirst = ((sr?.rtpTimestamp ?? 0) - (first?.timestamp ?? 0)) >>> 0;
    expect(ticksSinceFirst).toBeLessThan(90_000 * 2);
    expect(sr?.packetCount).toBeGreaterThan(0);
    const stats = sim.stats().cameras.find((c) => c.id === id);
    expect(stats?.main.framesSent).toBeGreaterThan(0);
    expect(stats?.main.bytesSent).toBeGreaterThan(stats?.main.packetsSent ?? 0);
  });
});

describe('sub-stream', () => {
  it('serves /cam-001/sub with its own, smaller parameter sets', async () => {
    const main = await loadPreparedClip(clipOf('h264', 'cam-001'));
    const sub = await loadPreparedClip(
      clipOf('h264', 'cam-001', { width: 160, height: 90, gopSeconds: 1 }),
    );
    const client = await connect('cam-001', true);
    const { stream } = await client.play();
    expect(stream.params).toEqual(sub.params);
    expect(stream.params).not.toEqual(main.params);
    await client.waitFor(() => client.frameEnds().length >= 3, 5000, '3 frames');
    const [f0] = receivedFrames(client.rtp);
    expect(f0 && sub.frames[0] && samePayloads(f0, sub.frames[0])).toBe(true);
  });

  it('answers 404 for an unknown mount', async () => {
    const client = await connect('cam-001');
    const res = await client.request('DESCRIBE', sim.url('cam-001').replace('cam-001', 'cam-999'));
    expect(res.statusCode).toBe(404);
  });
});
