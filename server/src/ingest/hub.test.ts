import { describe, expect, it } from 'vitest';
import { FakeClock } from '../app/clock.ts';
import { silentLogger } from '../app/logger.ts';
import { StreamHub } from './hub.ts';
import type { StreamEvent, StreamInfo, TimedAccessUnit } from './types.ts';

const INFO: StreamInfo = {
  params: { codec: 'h264', sps: new Uint8Array([0x67]), pps: new Uint8Array([0x68]) },
  width: 1280,
  height: 720,
  codecString: 'avc1.64001f',
};

let n = 0;
function frame(isKey: boolean, size = 1000): TimedAccessUnit {
  const pts90k = 3600 * n++;
  return {
    codec: 'h264',
    nalus: [new Uint8Array(size)],
    rtpTimestamp: pts90k,
    isKey,
    pts90k,
    wallMs: pts90k / 90,
  };
}

function makeHub(opts: { gopCacheMaxBytes?: number; lingerMs?: number } = {}) {
  const clock = new FakeClock();
  const hub = new StreamHub('cam1', 'main', { clock, logger: silentLogger(), ...opts });
  const demand: boolean[] = [];
  hub.onDemandChange((a) => demand.push(a));
  return { clock, hub, demand };
}

/** Publishes `gops` GOPs of `size` frames each (first is key). */
function publishGops(hub: StreamHub, gops: number, size: number): void {
  for (let g = 0; g < gops; g++)
    for (let i = 0; i < size; i++) hub.publish({ type: 'frame', frame: frame(i === 0) });
}

describe('StreamHub', () => {
  it('fans events out synchronously, in order, to every subscriber', () => {
    const { hub } = makeHub();
    const a: StreamEvent[] = [];
    const b: StreamEvent[] = [];
    hub.subscribe({ onEvent: (e) => a.push(e) });
    hub.subscribe({ onEvent: (e) => b.push(e) });
    hub.publish({ type: 'started', info: INFO, atMs: 1 });
    publishGops(hub, 2, 3);
    hub.publish({ type: 'stopped', cause: 'stall', atMs: 2, message: 'no video for 5 s' });
    expect(a.map((e) => e.type)).toEqual(['started', ...Array<string>(6).fill('frame'), 'stopped']);
    expect(b).toEqual(a);
  });

  it('is realtime while a subscriber needs frames at once, and says so before serving it', () => {
    const { hub } = makeHub();
    const log: string[] = [];
    hub.onRealtimeChange((rt) => log.push(`realtime ${rt}`));
    expect(log).toEqual(['realtime false']);
    const recorder = hub.subscribe({ onEvent: () => undefined }, { realtime: false });
    hub.publish({ type: 'started', info: INFO, atMs: 1 });
    expect(hub.realtime).toBe(false);
    expect(log).toEqual(['realtime false']);
    // A late live viewer: batching stops before it is given the stream's start.
    const viewer = hub.subscribe({ onEvent: (e) => log.push(`viewer ${e.type}`) });
    expect(log).toEqual(['realtime false', 'realtime true', 'viewer started']);
    const second = hub.subscribe({ onEvent: () => undefined });
    viewer.close();
    expect(hub.realtime).toBe(true);
    second.close();
    second.close();
    expect(log).toEqual(['realtime false', 'realtime true', 'viewer started', 'realtime false']);
    recorder.close();
    expect(log).toHaveLength(4);
  });

  it('makes a subscriber that says it is behind skip to the next key frame', () => {
    const { hub } = makeHub();
    const got: TimedAccessUnit[] = [];
    let skippedReport = 0;
    const sub = hub.subscribe({
      onEvent: (e) => e.type === 'frame' && got.push(e.frame),
      onSkipped: (k) => (skippedReport = k),
    });
    hub.publish({ type: 'started', info: INFO, atMs: 1 });
    hub.publish({ type: 'frame', frame: frame(true) });
    hub.publish({ type: 'frame', frame: frame(false) });
    sub.skipToNextKey();
    hub.publish({ type: 'frame', frame: frame(false) });
    hub.publish({ type: 'frame', frame: frame(false) });
    const key = frame(true);
    hub.publish({ type: 'frame', frame: key });
    expect(got).toHaveLength(3);
    expect(got[2]).toBe(key);
    expect(sub.skippedFrames).toBe(2);
    expect(skippedReport).toBe(2);
  });

  it('polls isBehind before each frame and resumes only at a key frame it can take', () => {
    const { hub } = makeHub();
    let buffered = 0;
    const got: boolean[] = [];
    hub.subscribe({
      onEvent: (e) => {
        if (e.type !== 'frame') return;
        got.push(e.frame.isKey);
        buffered += 1;
      },
      isBehind: () => buffered > 3,
    });
    hub.publish({ type: 'started', info: INFO, atMs: 1 });
    publishGops(hub, 1, 10);
    expect(got).toEqual([true, false, false, false]);
    hub.publish({ type: 'frame', frame: frame(true) }); // still behind: the key frame is skipped too
    buffered = 0; // the socket drained
    hub.publish({ type: 'frame', frame: frame(false) });
    hub.publish({ type: 'frame', frame: frame(true) });
    expect(got).toEqual([true, false, false, false, true]);
  });

  it('gives a late subscriber the current info, then the bounded cached GOP or the next key frame', () => {
    const { hub } = makeHub({ gopCacheMaxBytes: 10_000 });
    hub.subscribe({ onEvent: () => undefined });
    hub.publish({ type: 'started', info: INFO, atMs: 1 });
    publishGops(hub, 1, 5);
    const late: StreamEvent[] = [];
    hub.subscribe({ onEvent: (e) => late.push(e) });
    expect(late[0]).toMatchObject({ type: 'started', info: INFO });
    expect(late.slice(1).map((e) => e.type === 'frame' && e.frame.isKey)).toEqual([
      true,
      false,
      false,
      false,
      false,
    ]);

    // A GOP larger than the cache bound is not cached: the late subscriber waits for a key frame.
    publishGops(hub, 1, 20);
    expect(hub.toJSON().gopCacheBytes).toBe(0);
    const later: StreamEvent[] = [];
    hub.subscribe({ onEvent: (e) => later.push(e) });
    hub.publish({ type: 'frame', frame: frame(false) });
    expect(later.map((e) => e.type)).toEqual(['started']);
    hub.publish({ type: 'frame', frame: frame(true) });
    expect(later.map((e) => e.type)).toEqual(['started', 'frame']);
  });

  it('gives lent frames as they are only to subscribers that accept them; others and the GOP cache get one copy', () => {
    const { hub } = makeHub({ gopCacheMaxBytes: 100_000 });
    const scratch = new Uint8Array(64); // the depacketizer's memory, reused for every frame
    const lentFrame = (isKey: boolean, fill: number): TimedAccessUnit => {
      scratch.fill(fill);
      return {
        ...frame(isKey),
        nalus: [scratch.subarray(4, 64)],
        lengthPrefixed: scratch,
        lent: true,
      };
    };
    const copying: number[] = [];
    const keeping: TimedAccessUnit[] = [];
    const keepingToo: TimedAccessUnit[] = [];
    hub.subscribe(
      { onEvent: (e) => e.type === 'frame' && copying.push(e.frame.nalus[0]?.[0] ?? -1) },
      { acceptsLent: true },
    );
    hub.subscribe({ onEvent: (e) => e.type === 'frame' && keeping.push(e.frame) });
    hub.subscribe({ onEvent: (e) => e.type === 'frame' && keepingToo.push(e.frame) });
    hub.publish({ type: 'started', info: INFO, atMs: 1 });
    for (let i = 0; i < 3; i++) hub.publish({ type: 'frame', frame: lentFrame(i === 0, 10 + i) });
    scratch.fill(0xee); // the depacketizer goes on with the next frame

    expect(copying).toEqual([10, 11, 12]);
    expect(keeping.map((f) => [f.lent, f.nalus[0]?.[0], f.lengthPrefixed?.[0]])).toEqual([
      [false, 10, 10],
      [false, 11, 11],
      [false, 12, 12],
    ]);
    for (const f of keeping) expect(f.nalus[0]?.buffer).toBe(f.lengthPrefixed?.buffer);
    expect(keepingToo).toEqual(keeping);
    expect(keepingToo[0]).toBe(keeping[0]); // one copy per frame, shared
    const late: TimedAccessUnit[] = [];
    hub.subscribe({ onEvent: (e) => e.type === 'frame' && late.push(e.frame) });
    expect(late.map((f) => f.nalus[0]?.[0])).toEqual([10, 11, 12]);
  });

  it('makes no copy of a lent frame when only accepting subscribers take it', () => {
    const { hub } = makeHub();
    const got: TimedAccessUnit[] = [];
    hub.subscribe(
      { onEvent: (e) => e.type === 'frame' && got.push(e.frame) },
      { acceptsLent: true },
    );
    hub.publish({ type: 'started', info: INFO, atMs: 1 });
    const f = { ...frame(true), lent: true };
    hub.publish({ type: 'frame', frame: f });
    expect(got[0]).toBe(f);
  });

  it('holds demand while demanding subscribers remain, with linger', () => {
    const { clock, hub, demand } = makeHub({ lingerMs: 3000 });
    const a = hub.subscribe({ onEvent: () => undefined }, { name: 'recorder' });
    const watcher = hub.subscribe({ onEvent: () => undefined }, { demand: false });
    const b = hub.subscribe({ onEvent: () => undefined }, { name: 'live' });
    expect(demand).toEqual([true]);
    a.close();
    b.close();
    b.close();
    clock.advance(2999);
    expect(demand).toEqual([true]);
    const c = hub.subscribe({ onEvent: () => undefined });
    clock.advance(5000);
    expect(demand).toEqual([true]);
    c.close();
    clock.advance(3000);
    expect(demand).toEqual([true, false]);
    expect(hub.wanted).toBe(false);
    watcher.close();
    expect(hub.subscriberCount).toBe(0);
  });

  it('isolates a subscriber that throws', () => {
    const { hub } = makeHub();
    const good: StreamEvent[] = [];
    let calls = 0;
    hub.subscribe({
      onEvent: () => {
        calls++;
        throw new Error('consumer bug');
      },
    });
    hub.subscribe({ onEvent: (e) => good.push(e) });
    hub.publish({ type: 'started', info: INFO, atMs: 1 });
    publishGops(hub, 2, 3);
    expect(good).toHaveLength(7);
    // The thrower got 'started', then only the key frames: after each throw it skips to the next.
    expect(calls).toBe(3);
    expect(hub.toJSON().subscribers[0]?.errors).toBe(3);
  });
});
