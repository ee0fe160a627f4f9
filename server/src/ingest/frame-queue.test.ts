import { describe, expect, it } from 'vitest';
import { FakeClock } from '../app/clock.ts';
import { silentLogger } from '../app/logger.ts';
import { FrameQueue } from './frame-queue.ts';
import { StreamHub } from './hub.ts';
import type { StreamInfo, TimedAccessUnit } from './types.ts';

const INFO: StreamInfo = {
  params: {
    codec: 'h265',
    vps: new Uint8Array([0x40]),
    sps: new Uint8Array([0x42]),
    pps: new Uint8Array([0x44]),
  },
  width: 1920,
  height: 1080,
  codecString: 'hvc1.1.6.L120.90',
};

function frame(i: number, isKey: boolean, size = 10_000): TimedAccessUnit {
  return {
    codec: 'h265',
    nalus: [new Uint8Array(size)],
    rtpTimestamp: i,
    isKey,
    pts90k: i * 3600,
    wallMs: i * 40,
  };
}

describe('FrameQueue', () => {
  it('never holds more than its bound for a consumer that does not read', () => {
    const hub = new StreamHub('cam1', 'main', { clock: new FakeClock(), logger: silentLogger() });
    const q = FrameQueue.attach(hub, { maxItems: 50, maxBytes: 300_000, name: 'slow' });
    hub.publish({ type: 'started', info: INFO, atMs: 0 });
    for (let i = 0; i < 10_000; i++) {
      hub.publish({ type: 'frame', frame: frame(i, i % 50 === 0) });
      if (i % 997 === 0) hub.publish({ type: 'info-changed', info: INFO, atMs: i });
      expect(q.length).toBeLessThanOrEqual(50);
    }
    expect(q.highWater).toBeLessThanOrEqual(50);
    expect(q.droppedFrames).toBeGreaterThan(9000);
    q.close();
  });

  it('resumes a slow reader at a key frame, keeping control events', async () => {
    const hub = new StreamHub('cam1', 'main', { clock: new FakeClock(), logger: silentLogger() });
    const q = FrameQueue.attach(hub, { maxItems: 10 });
    hub.publish({ type: 'started', info: INFO, atMs: 0 });
    for (let i = 0; i < 25; i++) hub.publish({ type: 'frame', frame: frame(i, i % 20 === 0) });
    hub.publish({ type: 'stopped', cause: 'stall', atMs: 1000, message: 'no video for 5 s' });
    const got: string[] = [];
    while (q.length > 0) {
      const e = await q.next();
      if (!e) break;
      got.push(e.type === 'frame' ? `f${e.frame.rtpTimestamp}${e.frame.isKey ? 'k' : ''}` : e.type);
    }
    // The queue overflowed at frame 9: frames 1..8 were dropped, then it waited for key frame 20.
    expect(got).toEqual(['started', 'f20k', 'f21', 'f22', 'f23', 'f24', 'stopped']);
    q.close();
    expect(await q.next()).toBeUndefined();
  });

  it('hands events straight to a waiting reader and ends iteration on close', async () => {
    const hub = new StreamHub('cam1', 'sub', { clock: new FakeClock(), logger: silentLogger() });
    const q = FrameQueue.attach(hub);
    const seen: string[] = [];
    const reading = (async () => {
      for await (const e of q) seen.push(e.type);
    })();
    const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
    hub.publish({ type: 'started', info: INFO, atMs: 0 });
    await turn();
    hub.publish({ type: 'frame', frame: frame(0, true) });
    await turn();
    expect(q.length).toBe(0);
    q.close();
    await reading;
    expect(seen).toEqual(['started', 'frame']);
    expect(hub.subscriberCount).toBe(0);
  });
});
