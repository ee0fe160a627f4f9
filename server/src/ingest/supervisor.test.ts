import { describe, expect, it } from 'vitest';
import { FakeClock } from '../app/clock.ts';
import { silentLogger } from '../app/logger.ts';
import {
  newConnectionCounters,
  type ConnectionCounters,
  type ConnectionHandlers,
  type StreamConnection,
} from './connection.ts';
import { IngestError } from './errors.ts';
import { StreamSupervisor } from './supervisor.ts';
import type { StreamEvent, StreamInfo, TimedAccessUnit } from './types.ts';

const INFO: StreamInfo = {
  params: { codec: 'h264', sps: new Uint8Array([0x67]), pps: new Uint8Array([0x68]) },
  width: 1920,
  height: 1080,
  codecString: 'avc1.640028',
};

function frame(isKey: boolean, pts90k: number): TimedAccessUnit {
  return {
    codec: 'h264',
    nalus: [new Uint8Array(100)],
    rtpTimestamp: pts90k,
    isKey,
    pts90k,
    wallMs: 0,
  };
}

/** A camera whose behaviour each test scripts: answer, refuse, or send events. */
class ScriptedCamera {
  opens: number[] = [];
  refuseWith: IngestError | undefined;
  handlers: ConnectionHandlers | undefined;
  conn:
    | (StreamConnection & {
        closedPolitely: boolean;
        counters: ConnectionCounters;
        batched: boolean[];
      })
    | undefined;

  constructor(private readonly clock: FakeClock) {}

  open = (handlers: ConnectionHandlers): Promise<StreamConnection> => {
    this.opens.push(this.clock.monotonicMs());
    if (this.refuseWith) return Promise.reject(this.refuseWith);
    this.handlers = handlers;
    const conn = {
      closedPolitely: false,
      batched: [] as boolean[],
      counters: newConnectionCounters(),
      close: () => {
        conn.closedPolitely = true;
        return Promise.resolve();
      },
      fail: (e: IngestError) => handlers.closed(e),
      setBatchedReads: (on: boolean) => conn.batched.push(on),
    };
    this.conn = conn;
    return Promise.resolve(conn);
  };

  /** Sends a started and a key frame, as a camera that works does. */
  play(): void {
    this.media();
    this.handlers?.event({ type: 'started', info: INFO, atMs: this.clock.nowMs() });
    this.handlers?.event({ type: 'frame', frame: frame(true, 0) });
  }

  media(): void {
    if (!this.conn) return;
    this.conn.counters.packets++;
    this.conn.counters.lastMediaMonoMs = this.clock.monotonicMs();
    this.conn.counters.lastMediaWallMs = this.clock.nowMs();
  }
}

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

function setup(opts: { random?: () => number } = {}) {
  const clock = new FakeClock();
  const camera = new ScriptedCamera(clock);
  const events: StreamEvent[] = [];
  const sup = new StreamSupervisor({
    cameraId: 'cam1',
    stream: 'main',
    open: (handlers) => camera.open(handlers),
    publish: (e) => events.push(e),
    clock,
    logger: silentLogger(),
    random: opts.random ?? (() => 0.999999),
  });
  return { clock, camera, events, sup };
}

/** Advances in 100 ms steps, letting promises settle between steps. */
async function advance(clock: FakeClock, ms: number): Promise<void> {
  for (let t = 0; t < ms; t += 100) {
    clock.advance(Math.min(100, ms - t));
    await settle();
  }
}

describe('StreamSupervisor', () => {
  it('goes online on the first started and publishes events in order', async () => {
    const { camera, events, sup } = setup();
    sup.start();
    expect(sup.state).toBe('connecting');
    await settle();
    camera.play();
    expect(sup.state).toBe('online');
    expect(events.map((e) => e.type)).toEqual(['started', 'frame']);
    expect(sup.toJSON().counters.frames).toBe(1);
    expect(sup.toJSON().info).toEqual({
      codec: 'h264',
      width: 1920,
      height: 1080,
      codecString: 'avc1.640028',
    });
  });

  it('detects a stall after stallTimeoutMs without media, then reconnects within the back-off', async () => {
    const { clock, camera, events, sup } = setup();
    sup.start();
    await settle();
    camera.play();
    await advance(clock, 4_900);
    expect(sup.state).toBe('online');
    camera.media();
    await advance(clock, 4_900);
    expect(sup.state).toBe('online');
    await advance(clock, 200);
    expect(sup.state).toBe('reconnecting');
    const stopped = events.filter((e) => e.type === 'stopped');
    expect(stopped).toHaveLength(1);
    expect(stopped[0]).toMatchObject({ cause: 'stall' });
    expect(sup.toJSON().counters.stalls).toBe(1);
    const opensBefore = camera.opens.length;
    await advance(clock, 500);
    expect(camera.opens.length).toBe(opensBefore + 1);
    camera.play();
    expect(sup.state).toBe('online');
    expect(sup.toJSON().counters.reconnects).toBe(1);
  });

  it('publishes one stopped (offline) on the first failure, then retries with growing, capped delays', async () => {
    const { clock, camera, events, sup } = setup();
    camera.refuseWith = new IngestError('offline', 'connect ECONNREFUSED');
    sup.start();
    await settle();
    await advance(clock, 120_000);
    const stopped = events.filter((e) => e.type === 'stopped');
    expect(stopped).toHaveLength(1);
    expect(stopped[0]).toMatchObject({ cause: 'offline', message: 'connect ECONNREFUSED' });
    const gaps = camera.opens.slice(1).map((t, i) => t - (camera.opens[i] ?? 0));
    // 0.5 s, 1 s, 2 s, then at most 2 s during the first minute, then up to 30 s.
    expect(gaps.slice(0, 4)).toEqual([500, 1000, 2000, 2000]);
    const early = camera.opens.filter((t) => t < 60_000);
    const late = camera.opens.filter((t) => t >= 62_000);
    for (let i = 1; i < early.length; i++)
      expect((early[i] ?? 0) - (early[i - 1] ?? 0)).toBeLessThanOrEqual(2000);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(30_000);
    expect(late.length).toBeLessThan(10);
    expect(sup.state).toBe('offline');
    expect(sup.toJSON().lastError?.message).toBe('connect ECONNREFUSED');
  });

  it('reconnects within 5 s of a camera returning from a short outage, whatever the jitter', async () => {
    for (const r of [0, 0.5, 0.999999]) {
      const { clock, camera, sup } = setup({ random: () => r });
      camera.refuseWith = new IngestError('offline', 'connect ECONNREFUSED');
      sup.start();
      await advance(clock, 45_000);
      camera.refuseWith = undefined;
      const back = clock.monotonicMs();
      await advance(clock, 5_000);
      const after = camera.opens.filter((t) => t >= back);
      expect(after.length).toBeGreaterThan(0);
      expect((after[0] ?? Infinity) - back).toBeLessThanOrEqual(2_000);
      camera.play();
      expect(sup.state).toBe('online');
    }
  });

  it('marks a definitive failure (wrong password) offline at once', async () => {
    const { camera, events, sup } = setup();
    camera.refuseWith = new IngestError('offline', 'authentication failed (401)', {
      definitive: true,
    });
    sup.start();
    await settle();
    expect(sup.state).toBe('offline');
    expect(events).toEqual([
      expect.objectContaining({
        type: 'stopped',
        cause: 'offline',
        message: 'authentication failed (401)',
      }),
    ]);
  });

  it('resets the back-off after a stable period online, but not for a flapping camera', async () => {
    const { clock, camera, sup } = setup();
    sup.start();
    await settle();
    camera.play();
    // Flap: fail after 1 s online, three times.
    for (let i = 0; i < 3; i++) {
      await advance(clock, 1_000);
      camera.conn?.fail(new IngestError('offline', 'connection closed by the camera'));
      const before = camera.opens.length;
      await advance(clock, 2_100);
      expect(camera.opens.length).toBe(before + 1);
      camera.play();
    }
    // Gaps grew: 0.5, 1, 2 s; now stay online 40 s, keep media flowing, then fail: back to 0.5 s.
    for (let i = 0; i < 40; i++) {
      camera.media();
      await advance(clock, 1_000);
    }
    camera.conn?.fail(new IngestError('offline', 'connection closed by the camera'));
    const failedAt = clock.monotonicMs();
    await advance(clock, 600);
    expect(camera.opens.at(-1)).toBe(failedAt + 500);
  });

  it('passes an in-connection loss through as one stopped (loss) and stays online', async () => {
    const { camera, events, sup } = setup();
    sup.start();
    await settle();
    camera.play();
    camera.handlers?.event({
      type: 'stopped',
      cause: 'loss',
      atMs: 1,
      message: '3 RTP packets lost',
    });
    camera.handlers?.event({ type: 'started', info: INFO, atMs: 2 });
    camera.handlers?.event({ type: 'frame', frame: frame(true, 0) });
    expect(events.map((e) => e.type)).toEqual(['started', 'frame', 'stopped', 'started', 'frame']);
    expect(sup.state).toBe('online');
    expect(sup.toJSON().counters.lossEvents).toBe(1);
    expect(sup.toJSON().counters.reconnects).toBe(0);
  });

  it('stop() tears down, publishes stopped (restart) and never reconnects', async () => {
    const { clock, camera, events, sup } = setup();
    sup.start();
    await settle();
    camera.play();
    const conn = camera.conn;
    await sup.stop();
    expect(conn?.closedPolitely).toBe(true);
    expect(sup.state).toBe('idle');
    expect(events.at(-1)).toMatchObject({ type: 'stopped', cause: 'restart' });
    const opens = camera.opens.length;
    await advance(clock, 60_000);
    expect(camera.opens.length).toBe(opens);
  });

  it('closes a connection that opens after stop()', async () => {
    const { camera, sup } = setup();
    sup.start();
    const stopping = sup.stop();
    await settle();
    await stopping;
    expect(camera.conn?.closedPolitely).toBe(true);
    expect(sup.state).toBe('idle');
  });

  it('reports fps and bitrate over the sliding window', async () => {
    const { clock, camera, sup } = setup();
    sup.start();
    await settle();
    camera.play();
    for (let i = 0; i < 125; i++) {
      clock.advance(40);
      camera.media();
      camera.handlers?.event({ type: 'frame', frame: frame(false, i * 3600) });
    }
    const s = sup.toJSON();
    expect(s.fps).toBeCloseTo(25, 0);
    expect(s.bitrateBps).toBeCloseTo(25 * 100 * 8, -2);
  });

  it('counts fps by stream time, so that frames read in batches do not make it jitter', async () => {
    const { clock, camera, sup } = setup();
    sup.start();
    await settle();
    camera.play();
    // 15 frames (600 ms of video) taken off the socket at once every 600 ms: counted by read time,
    // a 4 s window would hold 6 or 7 batches (22.5 or 26.25 fps).
    const seen: number[] = [];
    for (let batch = 0; batch < 25; batch++) {
      clock.advance(600);
      camera.media();
      for (let i = 1; i <= 15; i++) {
        const n = batch * 15 + i;
        camera.handlers?.event({ type: 'frame', frame: frame(false, n * 3600) });
      }
      if (batch >= 10) seen.push(sup.toJSON().fps);
    }
    for (const fps of seen) expect(Math.abs(fps - 25)).toBeLessThanOrEqual(0.5);
  });

  it('batches reads of a connection from its first frame on, and stops at once when told', async () => {
    const { clock, camera, sup } = setup();
    sup.setBatchedReads(true);
    sup.start();
    await settle();
    const first = camera.conn;
    // The first frame's arrival anchors wall time: it is read at once.
    expect(first?.batched).toEqual([]);
    camera.play();
    expect(first?.batched).toEqual([true]);
    camera.handlers?.event({ type: 'frame', frame: frame(false, 3600) });
    expect(first?.batched).toEqual([true]);
    sup.setBatchedReads(false);
    expect(first?.batched).toEqual([true, false]);
    sup.setBatchedReads(true);
    expect(first?.batched).toEqual([true, false, true]);
    // A new connection after a failure starts unbatched again until its first frame.
    first?.fail(new IngestError('offline', 'connection closed by the camera'));
    await advance(clock, 600);
    const second = camera.conn;
    expect(second).not.toBe(first);
    expect(second?.batched).toEqual([]);
    camera.play();
    expect(second?.batched).toEqual([true]);
  });

  it('forgets a connection that closed before its opening resolved', async () => {
    const { clock, camera, sup } = setup();
    const open = camera.open;
    camera.open = (handlers) => {
      const p = open(handlers);
      handlers.closed(new IngestError('offline', 'connection closed by the camera'));
      return p;
    };
    sup.start();
    await settle();
    expect(sup.state).toBe('reconnecting');
    camera.open = open;
    await advance(clock, 600);
    expect(camera.opens).toHaveLength(2);
    camera.play();
    expect(sup.state).toBe('online');
    await advance(clock, 6_000);
    expect(sup.state).toBe('reconnecting');
    expect(sup.toJSON().lastError?.cause).toBe('stall');
  });
});
