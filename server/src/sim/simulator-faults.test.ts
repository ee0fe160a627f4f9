import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClipRequest } from './clip-spec.ts';
import type { PreparedClip } from './prepared-clip.ts';
import type { Simulator } from './simulator.ts';
import { startSimulator } from './simulator.ts';
import { TestRtspClient } from './test-client.ts';
import { loadPreparedClip, receivedFrames, samePayloads } from './test-frames.ts';

// Every camera shares one clip (no per-camera label), so one encode serves the whole file.
const IDS = ['stall', 'corrupt', 'jump', 'disc', 'off', 'res'] as const;
const SIZE = { width: 320, height: 180 };
const CLIP: ClipRequest = {
  codec: 'h264',
  ...SIZE,
  gopSeconds: 1,
  loopSeconds: 2,
  label: 'Vedetta sim 320x180',
};

let sim: Simulator;
let clip: PreparedClip;
const clients: TestRtspClient[] = [];

async function playing(id: string): Promise<TestRtspClient> {
  const c = await TestRtspClient.connect(sim.url(id));
  clients.push(c);
  await c.play();
  await c.waitFor(() => c.frameEnds().length >= 5, 5000, `first frames of ${id}`);
  return c;
}

/** The clip frame a received frame shows, from its timestamp (valid without a jump). */
function clipIndex(c: TestRtspClient, ts: number): number {
  const k = ((ts - (c.rtp[0]?.timestamp ?? 0)) >>> 0) / 3600;
  return k % clip.frames.length;
}

beforeAll(async () => {
  clip = await loadPreparedClip(CLIP);
  sim = await startSimulator({
    cameras: IDS.map((id) => ({ id, codec: 'h264', ...SIZE, gopSeconds: 1, sub: false })),
    loopSeconds: 2,
    labelPerCamera: false,
  });
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await sim.close();
});

describe('fault injection', () => {
  it('stall: media stops for the stall, the connection stays, and resumes on a key frame', async () => {
    const c = await playing('stall');
    const before = c.frameEnds().length;
    sim.faults.stall('stall', 1);
    await c.waitFor(() => c.frameEnds().length >= before + 10, 6000, 'frames after the stall');
    expect(c.isClosedNow).toBe(false);
    const frames = receivedFrames(c.rtp);
    const gaps = frames.slice(1).map((f, i) => ({
      i: i + 1,
      ms: (f[0]?.arrivalMs ?? 0) - (frames[i]?.[0]?.arrivalMs ?? 0),
    }));
    const gap = gaps.reduce((a, b) => (b.ms > a.ms ? b : a));
    const resumed = frames[gap.i]?.[0]?.timestamp ?? 0;
    expect(clip.frames[clipIndex(c, resumed)]?.isKey).toBe(true);
    // Timestamps follow wall time across the stall: at least one second of ticks passed.
    const prev = frames[gap.i - 1]?.[0]?.timestamp ?? 0;
    expect((resumed - prev) >>> 0).toBeGreaterThanOrEqual(90_000);
    expect(sim.stats().cameras.find((s) => s.id === 'stall')?.main.framesSkipped).toBeGreaterThan(
      0,
    );
  });

  it('corrupt: sends malformed, damaged packets while active, then the stream is clean again', async () => {
    const c = await playing('corrupt');
    const start = c.rtp.length;
    sim.faults.corrupt('corrupt', 0.4, 1);
    await c.waitFor(() => c.frameEnds().length >= 40, 6000, '40 frames');
    const frames = receivedFrames(c.rtp.slice(start));
    const clean = frames.map((f) => {
      const prepared = clip.frames[clipIndex(c, f[0]?.timestamp ?? 0)];
      return prepared !== undefined && samePayloads(f, prepared);
    });
    expect(clean.filter((ok) => !ok).length).toBeGreaterThan(3);
    expect(c.rtp.slice(start).some((p) => p.malformed)).toBe(true);
    expect(clean.slice(-10).every((ok) => ok)).toBe(true);
    expect(
      sim.stats().cameras.find((s) => s.id === 'corrupt')?.main.packetsCorrupted,
    ).toBeGreaterThan(0);
  });

  it('timestamp jump: the RTP clock leaps forward by the offset', async () => {
    const c = await playing('jump');
    sim.faults.timestampJump('jump', 60);
    const before = c.frameEnds().length;
    await c.waitFor(() => c.frameEnds().length >= before + 3, 5000, 'frames after the jump');
    const ts = receivedFrames(c.rtp).map((f) => f[0]?.timestamp ?? 0);
    const deltas = ts.slice(1).map((t, i) => (t - (ts[i] ?? 0)) >>> 0);
    expect(deltas.filter((d) => d === 3600 + 60 * 90_000)).toHaveLength(1);
    expect(deltas.filter((d) => d !== 3600)).toHaveLength(1);
  });

  it('disconnect: closes sessions at once and refuses new ones for a while', async () => {
    const c = await playing('disc');
    expect(sim.faults.disconnect('disc', { refuseSeconds: 60 })).toBe(1);
    await c.closed;
    const again = await TestRtspClient.connect(sim.url('disc'));
    clients.push(again);
    await expect(again.request('DESCRIBE')).rejects.toThrow(/closed/);
    sim.faults.restore('disc');
    await playing('disc');
  });

  it('offline: refuses connections until restored', async () => {
    const c = await playing('off');
    sim.faults.offline('off');
    await c.closed;
    expect(sim.stats().cameras.find((s) => s.id === 'off')?.faults.offline).toBe(true);
    const refused = await TestRtspClient.connect(sim.url('off'));
    clients.push(refused);
    await expect(refused.request('DESCRIBE')).rejects.toThrow(/closed/);
    sim.faults.restore('off');
    await playing('off');
  });

  it('resolution change: switches at a key frame to a clip with new parameter sets', async () => {
    const small = await loadPreparedClip({
      ...CLIP,
      width: 160,
      height: 90,
      label: 'Vedetta sim 160x90',
    });
    const c = await playing('res');
    const size = await sim.faults.resolutionChange('res');
    expect(size).toEqual({ width: 160, height: 90 });
    const start = c.frameEnds().length;
    await c.waitFor(() => c.frameEnds().length >= start + 40, 6000, 'frames after the change');
    const after = receivedFrames(c.rtp).slice(start);
    const first = after.findIndex((f) => small.frames[0] && samePayloads(f, small.frames[0]));
    expect(first).toBeGreaterThanOrEqual(0);
    expect(
      after
        .slice(first, first + 5)
        .every((f, i) => small.frames[i] && samePayloads(f, small.frames[i])),
    ).toBe(true);
    expect(small.params).not.toEqual(clip.params);
    const fresh = await TestRtspClient.connect(sim.url('res'));
    clients.push(fresh);
    const { stream } = await fresh.play();
    expect(stream.params).toEqual(small.params);
    expect(sim.stats().cameras.find((s) => s.id === 'res')?.main.width).toBe(160);
  });
});
