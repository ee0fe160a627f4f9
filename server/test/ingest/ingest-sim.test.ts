/**
 * Ingest against the camera simulator over real sockets: H.264 and H.265 play, Digest auth, each
 * injected fault ends the right way and the stream comes back by itself after the camera's
 * return, and the RTSP session ends when the last consumer leaves. How soon it comes back (within
 * 5 s of a camera's return: the retry schedule) is shown on a fake clock in
 * `server/src/ingest/supervisor.test.ts`, not timed here on a real, loaded machine.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/app/logger.ts';
import { IngestManager, type IngestCamera } from '../../src/ingest/manager.ts';
import { startSimulator, type Simulator } from '../../src/sim/simulator.ts';
import { Collector, waitFor } from './helpers.ts';

const SMALL = { width: 320, height: 180, gopSeconds: 1, sub: false as const };
const AUTH = { username: 'admin', password: 'sim-secret-pw', scheme: 'digest' as const };
const IDS = ['h264', 'h265', 'stall', 'disc', 'corrupt', 'jump', 'res', 'off', 'leave'] as const;

let sim: Simulator;
const managers: IngestManager[] = [];

beforeAll(async () => {
  sim = await startSimulator({
    cameras: IDS.map((id) => ({
      id,
      codec: id === 'h265' ? ('h265' as const) : ('h264' as const),
      ...SMALL,
    })),
    auth: AUTH,
    loopSeconds: 2,
    labelPerCamera: false,
    senderReportMs: 1000,
  });
});

afterEach(async () => {
  await Promise.all(managers.splice(0).map((m) => m.stop()));
});

afterAll(async () => {
  await sim.close();
});

function manage(id: string, password = AUTH.password, extra: { lingerMs?: number } = {}) {
  const camera: IngestCamera = {
    id,
    mainUrl: sim.url(id),
    credentials: { username: AUTH.username, password },
  };
  const manager = new IngestManager([camera], {
    logger: silentLogger(),
    lingerMs: extra.lingerMs ?? 0,
  });
  managers.push(manager);
  const collector = new Collector();
  const subscription = manager.hub(id).subscribe(collector, { name: 'test' });
  return { manager, collector, subscription };
}

describe.each([
  ['h264', 'avc1.'],
  ['h265', 'hvc1.'],
] as const)('%s camera', (id, codecPrefix) => {
  it('delivers frames with rising pts, key frame first, after Digest authentication', async () => {
    const { manager, collector } = manage(id);
    await waitFor(() => collector.frames().length >= 60, 15_000, '60 frames');
    const first = collector.events[0]?.event;
    expect(first?.type).toBe('started');
    if (first?.type === 'started') {
      expect(first.info.width).toBe(320);
      expect(first.info.height).toBe(180);
      expect(first.info.codecString.startsWith(codecPrefix)).toBe(true);
    }
    const frames = collector.frames();
    expect(frames[0]?.isKey).toBe(true);
    expect(frames[0]?.pts90k).toBe(0);
    for (let i = 1; i < frames.length; i++) {
      expect(frames[i]?.pts90k).toBe((frames[i - 1]?.pts90k ?? 0) + 3600);
      expect(frames[i]?.wallMs ?? 0).toBeGreaterThan(frames[i - 1]?.wallMs ?? 0);
    }
    expect(Math.abs((frames.at(-1)?.wallMs ?? 0) - Date.now())).toBeLessThan(2000);
    const status = manager.status(id).main;
    expect(status.state).toBe('online');
    expect(status.counters.packetsLost).toBe(0);
    expect(status.wallSource).toBe('sender-report');
  });
});

describe('faults', () => {
  it('a wrong password ends offline with an authentication error', async () => {
    const { manager, collector } = manage('h264', 'wrong-password');
    await waitFor(() => collector.ofType('stopped').length > 0, 10_000, 'stopped');
    const stopped = collector.ofType('stopped')[0]?.event;
    expect(stopped?.cause).toBe('offline');
    expect(stopped?.message).toMatch(/authentication failed/);
    expect(stopped?.message).not.toContain('wrong-password');
    expect(manager.status('h264').main.state).toBe('offline');
    expect(collector.frames()).toHaveLength(0);
  });

  it('a stall ends in stopped (stall) and video comes back when the camera resumes', async () => {
    const { manager, collector } = manage('stall');
    await waitFor(() => collector.frames().length >= 10, 10_000, 'frames');
    const t0 = performance.now();
    sim.faults.stall('stall', 7);
    const back = t0 + 7000;
    await waitFor(() => collector.ofType('stopped').length > 0, 10_000, 'stopped');
    expect(collector.ofType('stopped')[0]?.event.cause).toBe('stall');
    await waitFor(() => collector.ofType('started', back - 1000).length > 0, 15_000, 'restart');
    expect(manager.status('stall').main.counters.stalls).toBeGreaterThanOrEqual(1);
  });

  it('a disconnect ends in stopped (offline) and video comes back with the camera', async () => {
    const { manager, collector } = manage('disc');
    await waitFor(() => collector.frames().length >= 10, 10_000, 'frames');
    const t0 = performance.now();
    expect(sim.faults.disconnect('disc', { refuseSeconds: 3 })).toBeGreaterThan(0);
    const back = t0 + 3000;
    await waitFor(() => collector.ofType('started', back - 1000).length > 0, 15_000, 'restart');
    expect(collector.ofType('stopped')[0]?.event.cause).toBe('offline');
    expect(manager.status('disc').main.counters.reconnects).toBe(1);
  });

  it('an offline camera comes back after its restore', async () => {
    const { manager, collector } = manage('off');
    await waitFor(() => collector.frames().length >= 10, 10_000, 'frames');
    sim.faults.offline('off');
    await waitFor(() => collector.ofType('stopped').length > 0, 10_000, 'stopped');
    // Restore only once the back-off has reached its 2 s cap for a young outage (the worst case
    // of the 5 s promise): the third retry already waited 1-2 s, and so does every later one.
    await waitFor(
      () => manager.status('off').main.counters.reconnectAttempts >= 3,
      15_000,
      'three refused reconnect attempts',
    );
    const back = performance.now();
    sim.faults.restore('off');
    await waitFor(() => collector.ofType('started', back).length > 0, 15_000, 'restart');
    expect(collector.ofType('stopped')[0]?.event.cause).toBe('offline');
  });

  it('corrupt packets are a loss, and video flows again after them', async () => {
    // The simulator's damaged packets carry a broken RTP header: they are malformed, their
    // pictures are dropped and the loss is reported; nothing damaged reaches the consumers.
    const { manager, collector } = manage('corrupt');
    await waitFor(() => collector.frames().length >= 10, 10_000, 'frames');
    const t0 = performance.now();
    sim.faults.corrupt('corrupt', 3, 1);
    const back = t0 + 3000;
    await waitFor(() => collector.frames(back).length >= 50, 15_000, 'frames after the corruption');
    expect(collector.ofType('stopped').length).toBeGreaterThan(0);
    for (const { event } of collector.ofType('stopped')) expect(event.cause).toBe('loss');
    let expectKey = false;
    for (const { event } of collector.events) {
      if (event.type === 'started') expectKey = true;
      if (event.type === 'frame') {
        expect(!expectKey || event.frame.isKey).toBe(true);
        expectKey = false;
      }
    }
    expect(manager.status('corrupt').main.state).toBe('online');
  });

  it('a timestamp jump is re-anchored and counted, without a gap', async () => {
    const { manager, collector } = manage('jump');
    await waitFor(() => collector.frames().length >= 10, 10_000, 'frames');
    sim.faults.timestampJump('jump', 3600);
    await waitFor(() => manager.status('jump').main.counters.timestampJumps >= 1, 10_000, 'jump');
    const mark = collector.frames().length;
    await waitFor(() => collector.frames().length >= mark + 10, 10_000, 'frames after the jump');
    expect(collector.ofType('stopped')).toHaveLength(0);
    const frames = collector.frames();
    for (let i = 1; i < frames.length; i++) {
      const d = (frames[i]?.pts90k ?? 0) - (frames[i - 1]?.pts90k ?? 0);
      expect(d).toBe(3600);
    }
  });

  it('a resolution change emits info-changed with the new size at a key frame', async () => {
    const { manager, collector } = manage('res');
    await waitFor(() => collector.frames().length >= 10, 10_000, 'frames');
    const size = await sim.faults.resolutionChange('res', { width: 480, height: 270 });
    expect(size).toEqual({ width: 480, height: 270 });
    await waitFor(() => collector.ofType('info-changed').length > 0, 15_000, 'info-changed');
    const changed = collector.ofType('info-changed')[0];
    expect(changed?.event.info.width).toBe(480);
    expect(changed?.event.info.height).toBe(270);
    const next = collector.events[collector.events.findIndex((e) => e === changed) + 1]?.event;
    expect(next?.type === 'frame' && next.frame.isKey).toBe(true);
    expect(manager.status('res').main.info?.width).toBe(480);
  });

  it('tears the RTSP session down when the last consumer leaves', async () => {
    const { manager, collector, subscription } = manage('leave');
    const watcher = new Collector();
    manager.hub('leave').subscribe(watcher, { demand: false });
    await waitFor(() => collector.frames().length >= 5, 10_000, 'frames');
    const sessions = () => sim.stats().cameras.find((c) => c.id === 'leave')?.main.sessions ?? -1;
    expect(sessions()).toBe(1);
    subscription.close();
    expect(manager.status('leave').main.state).toBe('idle');
    await waitFor(() => sessions() === 0, 5000, 'session closed');
    expect(watcher.events.at(-1)?.event).toMatchObject({ type: 'stopped', cause: 'restart' });
    expect(collector.ofType('stopped')).toHaveLength(0);
  });
});
