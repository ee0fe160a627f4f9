/**
 * Masked streams with the real ffmpeg over a simulated camera (the recording tests' clip fed in
 * real time): the masked pictures are the mask colour inside the masks and the camera's pictures
 * outside; one ffmpeg serves every consumer and stops with the last one; a mask edit restarts
 * the encoder with the new image; a crashed ffmpeg is restarted after a gap.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/app/clock.ts';
import { ffmpegPath } from '../../src/app/ffmpeg.ts';
import { silentLogger } from '../../src/app/logger.ts';
import { StreamHub } from '../../src/ingest/hub.ts';
import type { StreamEvent, TimedAccessUnit } from '../../src/ingest/types.ts';
import { MaskedHubs } from '../../src/masking/index.ts';
import type { Polygon } from '../../src/privacy/polygon.ts';
import { feedHub, type ClipFeeder } from '../live/clip-feeder.ts';
import { loadClip, type ClipFrames } from '../recording/support.ts';
import { waitFor } from '../support/wait-for.ts';
import { compareMasked, decodeGray, framesOf, sourcesOf } from './support.ts';

const W = 320;
const H = 240;
const LEFT: Polygon = [
  [0.05, 0.1],
  [0.45, 0.1],
  [0.45, 0.7],
  [0.05, 0.7],
];
const RIGHT: Polygon = [
  [0.6, 0.3],
  [0.95, 0.3],
  [0.8, 0.9],
];

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup.splice(0)) c();
});

interface Rig {
  input: StreamHub;
  hubs: MaskedHubs;
  feeder: ClipFeeder;
  fed: TimedAccessUnit[];
  clip: ClipFrames;
  masks: { polygons: Polygon[] };
}

async function rig(opts: { ffmpeg?: string } = {}): Promise<Rig> {
  const clip = await loadClip('h264');
  const input = new StreamHub('cam-001', 'main', { clock: systemClock, logger: silentLogger() });
  const fed: TimedAccessUnit[] = [];
  input.subscribe(
    { onEvent: (e) => (e.type === 'frame' ? fed.push(e.frame) : undefined) },
    { demand: false },
  );
  const masks = { polygons: [LEFT] };
  const hubs = new MaskedHubs({
    clock: systemClock,
    logger: silentLogger(),
    source: { hub: (id, s) => (id === 'cam-001' && s === 'main' ? input : undefined) },
    polygons: () => Promise.resolve(masks.polygons),
    pollMs: 60_000,
    ...(opts.ffmpeg !== undefined ? { ffmpeg: opts.ffmpeg } : {}),
  });
  const feeder = feedHub(input, clip);
  cleanup.push(() => {
    feeder.stop();
    hubs.close();
  });
  return { input, hubs, feeder, fed, clip, masks };
}

/** Decodes masked pictures and their sources; checks every pair against `polygons`. */
async function expectMasked(
  r: Rig,
  masked: TimedAccessUnit[],
  polygons: Polygon[],
  params: { sps: Uint8Array; pps: Uint8Array } | undefined,
): Promise<void> {
  const out = await decodeGray(masked, params && { codec: 'h264', ...params }, W, H);
  const src = await decodeGray(sourcesOf(r.fed, masked), r.clip.info.params, W, H);
  expect(out.length).toBe(masked.length);
  expect(src.length).toBe(masked.length);
  for (let i = 0; i < out.length; i++) {
    const o = out[i];
    const s = src[i];
    if (o === undefined || s === undefined) throw new Error('missing frame');
    const c = compareMasked(o, s, polygons, W, H);
    expect(c.masked, `masked pixels of picture ${i}`).toBeGreaterThan(5_000);
    expect(c.maxMasked, `brightest masked pixel of picture ${i}`).toBeLessThan(24);
    expect(c.sourceMeanMasked, `the source under the mask of picture ${i}`).toBeGreaterThan(40);
    expect(c.clear, `clear pixels of picture ${i}`).toBeGreaterThan(20_000);
    expect(c.meanDiffClear, `difference outside the masks of picture ${i}`).toBeLessThan(6);
  }
}

function paramsOf(events: StreamEvent[]): { sps: Uint8Array; pps: Uint8Array } | undefined {
  const started = events.findLast((e) => e.type === 'started');
  const p = started?.type === 'started' ? started.info.params : undefined;
  return p?.codec === 'h264' ? { sps: p.sps, pps: p.pps } : undefined;
}

describe('masked hubs (real ffmpeg)', () => {
  it('paints the masks in, serves two consumers with one ffmpeg, and stops with the last', async () => {
    const r = await rig();
    expect(r.hubs.hub('cam-404', 'main')).toBeUndefined();
    const hub = r.hubs.hub('cam-001', 'main');
    if (hub === undefined) throw new Error('no masked hub');
    expect(r.hubs.hub('cam-001', 'main')).toBe(hub);
    expect(r.input.wanted).toBe(false);

    const a: StreamEvent[] = [];
    const b: StreamEvent[] = [];
    const subA = hub.subscribe({ onEvent: (e) => a.push(e) });
    const subB = hub.subscribe({ onEvent: (e) => b.push(e) });
    expect(r.hubs.count).toBe(1);
    await waitFor(() => r.input.wanted, { timeoutMs: 5_000, what: 'the camera stream pulled' });
    await waitFor(() => framesOf(a).length >= 30 && framesOf(b).length >= 30, {
      timeoutMs: 20_000,
      what: 'masked pictures for both consumers',
    });
    expect(r.hubs.processesStarted('cam-001', 'main')).toBe(1);
    expect(a[0]?.type).toBe('started');
    if (a[0]?.type === 'started') {
      expect(a[0].info.params.codec).toBe('h264');
      expect([a[0].info.width, a[0].info.height]).toEqual([W, H]);
    }
    const pictures = framesOf(a).slice(0, 30);
    expect(pictures[0]?.isKey).toBe(true);
    // Each masked picture keeps the times of the camera picture it came from.
    const fedPts = new Set(r.fed.map((f) => f.pts90k));
    expect(pictures.every((p) => fedPts.has(p.pts90k))).toBe(true);
    await expectMasked(r, pictures, [LEFT], paramsOf(a));

    subA.close();
    expect(r.hubs.count).toBe(1);
    subB.close();
    expect(r.hubs.count).toBe(0);
    expect(r.input.wanted).toBe(false);
  });

  it('restarts the encoder with the new image when the masks change; viewers stay', async () => {
    const r = await rig();
    const hub = r.hubs.hub('cam-001', 'main');
    if (hub === undefined) throw new Error('no masked hub');
    const got: StreamEvent[] = [];
    hub.subscribe({ onEvent: (e) => got.push(e) });
    await waitFor(() => framesOf(got).length >= 10, { timeoutMs: 20_000, what: 'masked pictures' });

    r.masks.polygons = [RIGHT];
    r.hubs.masksChanged('cam-001');
    const gap = await waitFor(
      () => {
        const at = got.findIndex((e) => e.type === 'stopped' && e.cause === 'restart');
        return at < 0 ? undefined : at + 1;
      },
      { timeoutMs: 10_000, what: 'the gap of the restart' },
    );
    await waitFor(() => framesOf(got.slice(gap)).length >= 10, {
      timeoutMs: 20_000,
      what: 'pictures with the new masks',
    });
    const rest = got.slice(gap);
    expect(rest[0]?.type).toBe('started');
    expect(r.hubs.processesStarted('cam-001', 'main')).toBe(2);
    await expectMasked(r, framesOf(rest).slice(0, 10), [RIGHT], paramsOf(rest));
  });

  it('restarts ffmpeg after it fails, with a gap, never an exception', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'vedetta-masking-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const script = path.join(dir, 'ffmpeg');
    // Fails the first time it is run; then runs the real ffmpeg.
    writeFileSync(
      script,
      `#!/bin/sh\nif [ ! -e "${dir}/failed" ]; then touch "${dir}/failed"; exit 1; fi\n` +
        `exec "${ffmpegPath()}" "$@"\n`,
    );
    chmodSync(script, 0o755);
    const r = await rig({ ffmpeg: script });
    const hub = r.hubs.hub('cam-001', 'main');
    if (hub === undefined) throw new Error('no masked hub');
    const got: StreamEvent[] = [];
    hub.subscribe({ onEvent: (e) => got.push(e) });
    await waitFor(() => framesOf(got).length >= 10, {
      timeoutMs: 20_000,
      what: 'masked pictures after the restart',
    });
    expect(r.hubs.processesStarted('cam-001', 'main')).toBe(2);
    await expectMasked(r, framesOf(got).slice(0, 10), [LEFT], paramsOf(got));
  });
});
