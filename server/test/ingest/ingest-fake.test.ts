/**
 * Ingest against fake cameras on 127.0.0.1: packet loss is detected and recovered at the next key
 * frame; random bytes and random RTP from a "camera" never escape its error boundary; one camera
 * fed garbage does not disturb another camera's frame flow.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/app/logger.ts';
import { IngestManager, type IngestCamera } from '../../src/ingest/manager.ts';
import { writeRtpPacket } from '../../src/media/rtp/packet.ts';
import { writeInterleavedFrame } from '../../src/media/rtsp/index.ts';
import {
  Collector,
  FakeCamera,
  randomBytes,
  syntheticH264,
  waitFor,
  type FakeSession,
} from './helpers.ts';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function fake(...args: Parameters<typeof FakeCamera.start>): Promise<FakeCamera> {
  const f = await FakeCamera.start(...args);
  cleanup.push(() => f.close());
  return f;
}

function manage(cameras: IngestCamera[]): IngestManager {
  const m = new IngestManager(cameras, {
    logger: silentLogger(),
    lingerMs: 0,
    backoff: { initialMs: 20, shortCapMs: 100 },
    requestTimeoutMs: 1000,
  });
  cleanup.push(() => m.stop());
  return m;
}

/** Random RTP (valid header, random sizes, types and payloads) mixed with raw random bytes. */
function randomRtp(seed: number, rawFraction = 0.1): FakeSession {
  let state = seed >>> 0;
  const rand = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
  return () => {
    const parts: Uint8Array[] = [];
    for (let k = 0; k < 5; k++) {
      const r = rand();
      if (r < rawFraction) {
        parts.push(randomBytes(rand, Math.floor(rand() * 200)));
        continue;
      }
      const payload = randomBytes(rand, Math.floor(rand() * 1500));
      if (payload.length > 0 && rand() < 0.5)
        payload[0] = [0x65, 0x41, 0x67, 0x68, 0x7c, 0x78][Math.floor(rand() * 6)] ?? 0;
      if (payload.length > 1 && payload[0] === 0x7c)
        payload[1] = (Math.floor(rand() * 4) << 6) | (rand() < 0.5 ? 5 : 1);
      const rtp = writeRtpPacket({
        marker: rand() < 0.3,
        payloadType: rand() < 0.9 ? 96 : Math.floor(rand() * 128),
        sequenceNumber: Math.floor(rand() * 65536),
        timestamp: Math.floor(rand() * 2 ** 32),
        ssrc: rand() < 0.9 ? 1 : Math.floor(rand() * 2 ** 32),
        payload,
      });
      parts.push(writeInterleavedFrame(rand() < 0.9 ? 0 : Math.floor(rand() * 4), rtp));
    }
    return Buffer.concat(parts);
  };
}

describe('ingest against fake cameras', () => {
  it('turns packet loss into stopped (loss), resuming with a key frame and pts from 0', async () => {
    const cam = await fake(
      'rtsp',
      () => syntheticH264({ gop: 25, dropPacket: (i) => i === 30 }),
      40,
    );
    const m = manage([{ id: 'lossy', mainUrl: cam.url }]);
    const c = new Collector();
    m.hub('lossy').subscribe(c);
    await waitFor(
      () => c.ofType('started').length >= 2 && c.frames().length >= 40,
      10_000,
      'recovery',
    );
    const types = c.events.map((e) => e.event.type);
    const stoppedAt = types.indexOf('stopped');
    expect(c.ofType('stopped')[0]?.event).toMatchObject({ cause: 'loss' });
    const restart = c.events[stoppedAt + 1]?.event;
    const firstAfter = c.events[stoppedAt + 2]?.event;
    expect(restart?.type).toBe('started');
    expect(
      firstAfter?.type === 'frame' && firstAfter.frame.isKey && firstAfter.frame.pts90k === 0,
    ).toBe(true);
    // Frames 30..49 were lost or skipped; 50 is the next key frame.
    expect(firstAfter?.type === 'frame' ? firstAfter.frame.rtpTimestamp : -1).toBe(50 * 3600);
    const status = m.status('lossy').main;
    expect(status.counters.packetsLost).toBe(1);
    expect(status.counters.lossEvents).toBe(1);
    expect(status.state).toBe('online');
  });

  it('survives random bytes and random RTP from cameras (bounded fuzz), each failure recorded', async () => {
    const garbage = await fake('garbage', (n) => randomRtp(1000 + n), 10);
    const noise = await fake('rtsp', (n) => randomRtp(2000 + n, 0), 10);
    const m = manage([
      { id: 'garbage', mainUrl: garbage.url },
      { id: 'noise', mainUrl: noise.url },
    ]);
    const g = new Collector();
    const r = new Collector();
    m.hub('garbage').subscribe(g);
    m.hub('noise').subscribe(r);
    await waitFor(
      () => garbage.connections >= 25 && m.status('noise').main.counters.packets >= 2000,
      20_000,
      '25 garbage connections and 2000 random RTP packets',
    );
    const gs = m.status('garbage').main;
    expect(gs.state).not.toBe('online');
    expect(gs.lastError?.cause).toMatch(/error|offline/);
    expect(gs.lastError?.message.length).toBeGreaterThan(5);
    expect(JSON.parse(JSON.stringify(m.statuses()))).toHaveLength(2);
    // Whatever random RTP produced, every run of frames began with a key frame.
    for (const col of [g, r]) {
      let expectKey = false;
      for (const { event } of col.events) {
        if (event.type === 'started') expectKey = true;
        if (event.type === 'frame') {
          expect(!expectKey || event.frame.isKey).toBe(true);
          expectKey = false;
        }
      }
    }
  });

  it('keeps a good camera flowing while another camera is fed garbage', async () => {
    const good = await fake('rtsp', () => syntheticH264({ gop: 25 }), 40);
    const bad = await fake('garbage', (n) => randomRtp(3000 + n), 5);
    const noisy = await fake('rtsp', (n) => randomRtp(4000 + n, 0), 5);
    const m = manage([
      { id: 'good', mainUrl: good.url },
      { id: 'bad', mainUrl: bad.url },
      { id: 'noisy', mainUrl: noisy.url },
    ]);
    const c = new Collector();
    m.hub('good').subscribe(c);
    m.hub('bad').subscribe(new Collector());
    m.hub('noisy').subscribe(new Collector());
    await waitFor(() => c.frames().length >= 75, 15_000, '3 s of good frames');
    expect(c.ofType('stopped')).toHaveLength(0);
    const frameTimes = c.ofType('frame').map((f) => f.at);
    const gaps = frameTimes.slice(1).map((t, i) => t - (frameTimes[i] ?? 0));
    expect(Math.max(...gaps)).toBeLessThan(1000);
    const frames = c.frames();
    for (let i = 1; i < frames.length; i++)
      expect(frames[i]?.pts90k).toBe((frames[i - 1]?.pts90k ?? 0) + 3600);
    expect(m.status('good').main.counters.packetsLost).toBe(0);
    expect(bad.connections).toBeGreaterThan(1);
    expect(m.status('bad').main.lastError).not.toBeNull();
  });
});
