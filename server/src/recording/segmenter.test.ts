import { describe, expect, it } from 'vitest';
import type { StreamEvent, StreamInfo } from '../ingest/types.ts';
import { Segmenter, type SegmenterAction } from './segmenter.ts';

const INFO: StreamInfo = {
  params: { codec: 'h264', sps: new Uint8Array([0x67, 1]), pps: new Uint8Array([0x68, 2]) },
  width: 320,
  height: 240,
  codecString: 'avc1.42c00d',
};
const T0 = Date.UTC(2026, 2, 1, 10, 0, 0);

/** Frames at `fps` with a key frame every `gop` frames; pts from `firstPts`, wall from `wall0`. */
function frames(
  count: number,
  opts: { fps?: number; gop?: number; firstPts?: number; wall0?: number; wallRate?: number } = {},
): StreamEvent[] {
  const fps = opts.fps ?? 25;
  const gop = opts.gop ?? 25;
  const step = 90_000 / fps;
  const out: StreamEvent[] = [];
  for (let i = 0; i < count; i++) {
    const pts90k = (opts.firstPts ?? 0) + i * step;
    out.push({
      type: 'frame',
      frame: {
        codec: 'h264',
        nalus: [new Uint8Array([i % gop === 0 ? 0x65 : 0x41, i & 0xff])],
        rtpTimestamp: pts90k >>> 0,
        isKey: i % gop === 0,
        pts90k,
        wallMs: (opts.wall0 ?? T0) + ((i * 1000) / fps) * (opts.wallRate ?? 1),
      },
    });
  }
  return out;
}

function run(seg: Segmenter, events: StreamEvent[]): SegmenterAction[] {
  return events.flatMap((e) => seg.push(e));
}

const started: StreamEvent = { type: 'started', info: INFO, atMs: T0 };

describe('Segmenter', () => {
  it('opens on the first key frame, cuts one-second fragments and minute segments', () => {
    const seg = new Segmenter({ segmentTargetMs: 4_000 });
    const actions = run(seg, [started, ...frames(250, { gop: 50 })]);
    actions.push(
      ...seg.push({ type: 'stopped', cause: 'offline', atMs: T0 + 10_000, message: '' }),
    );
    const opens = actions.filter((a) => a.type === 'open');
    const closes = actions.filter((a) => a.type === 'close');
    expect(opens.map((o) => o.startMs)).toEqual([T0, T0 + 4_000, T0 + 8_000]);
    expect(closes.map((c) => [c.reason, c.endMs, c.frameCount])).toEqual([
      ['rotate', T0 + 4_000, 100],
      ['rotate', T0 + 8_000, 100],
      ['stopped', T0 + 10_000, 50],
    ]);
    const fragments = actions.flatMap((a) => (a.type === 'fragment' ? [a.fragment] : []));
    expect(fragments).toHaveLength(10);
    for (const f of fragments) {
      expect(f.samples).toHaveLength(25);
      expect(f.duration90k).toBe(90_000);
      expect(f.samples.every((s) => s.duration90k === 3600)).toBe(true);
    }
    // Decode times restart in each segment; key frames lead every second fragment.
    expect(fragments[4]?.baseDecodeTime90k).toBe(0);
    expect(fragments[5]?.baseDecodeTime90k).toBe(90_000);
    expect(fragments[4]?.samples[0]?.isKey).toBe(true);
    expect(fragments[5]?.samples[0]?.isKey).toBe(false);
  });

  it('copies a lent frame while its event runs: every sample holds the bytes fed, though the memory was reused', () => {
    const seg = new Segmenter({ segmentTargetMs: 2_000 });
    const scratch = new Uint8Array(8); // lent frames all live here, as in the depacketizer
    const fed: number[][] = [];
    const actions = seg.push(started);
    for (const e of frames(130, { gop: 25 })) {
      if (e.type !== 'frame') continue;
      const nal = e.frame.nalus[0] ?? new Uint8Array(0);
      fed.push([0, 0, 0, nal.length, ...nal]);
      scratch.fill(0);
      scratch.set([0, 0, 0, nal.length, ...nal]);
      const view = scratch.subarray(0, 4 + nal.length);
      const lent = { ...e.frame, nalus: [view.subarray(4)], lengthPrefixed: view, lent: true };
      actions.push(...seg.push({ type: 'frame', frame: lent }));
      scratch.fill(0xee); // the next packet overwrites it
    }
    actions.push(...seg.close());
    const samples = actions.flatMap((a) =>
      a.type === 'fragment' ? a.fragment.samples.map((x) => [...x.data]) : [],
    );
    expect(samples).toEqual(fed);
  });

  it('skips frames until a key frame and waits for stream info', () => {
    const seg = new Segmenter();
    const [k, ...rest] = frames(30, { gop: 25 });
    expect(run(seg, [k as StreamEvent])).toEqual([]);
    const actions = run(seg, [started, ...rest]);
    expect(actions[0]).toMatchObject({ type: 'open', startMs: T0 + 1000, reanchored: true });
    expect(seg.getStats().framesSkipped).toBe(25);
  });

  it('closes on info change and opens again at the next key frame with the new info', () => {
    const seg = new Segmenter();
    const first = frames(30, { gop: 25 });
    const later = frames(30, { gop: 25, firstPts: 30 * 3600, wall0: T0 + 1200 });
    const changed = { ...INFO, width: 640, height: 480 };
    const actions = run(seg, [
      started,
      ...first,
      { type: 'info-changed', info: changed, atMs: T0 + 1200 },
      ...later,
    ]);
    const kinds = actions.map((a) => (a.type === 'close' ? `close:${a.reason}` : a.type));
    expect(kinds.slice(0, 5)).toEqual([
      'open',
      'fragment',
      'fragment',
      'close:info-changed',
      'open',
    ]);
    const reopen = actions[4];
    expect(reopen?.type === 'open' && reopen.info.width).toBe(640);
    // Same time line: the new segment starts where the last one ended.
    const close = actions[3];
    expect(close?.type === 'close' && close.endMs).toBe(T0 + 1200);
    expect(reopen?.type === 'open' && reopen.startMs).toBe(T0 + 1200);
  });

  it('cuts at a timestamp jump and re-anchors on the wall clock', () => {
    const seg = new Segmenter();
    const a = frames(50, { gop: 25 });
    // pts jumps back to 0 at a key frame, 2 s of wall time later.
    const b = frames(50, { gop: 25, wall0: T0 + 2000 });
    const actions = run(seg, [started, ...a, ...b]);
    const closes = actions.filter((x) => x.type === 'close');
    const opens = actions.filter((x) => x.type === 'open');
    expect(closes[0]).toMatchObject({ reason: 'discontinuity', frameCount: 50, endMs: T0 + 2000 });
    expect(closes[0]?.type === 'close' && closes[0].hole?.cause).toBe('error');
    expect(opens[1]).toMatchObject({ startMs: T0 + 2000, reanchored: true });
  });

  it('drops frames after a jump at a non-key frame until the next key frame', () => {
    const seg = new Segmenter();
    const a = frames(20, { gop: 25 });
    const b = frames(40, { gop: 25, firstPts: 10 * 90_000, wall0: T0 + 800 }).slice(5);
    const actions = run(seg, [started, ...a, ...b]);
    const opens = actions.filter((x) => x.type === 'open');
    expect(actions.find((x) => x.type === 'close')).toMatchObject({
      reason: 'discontinuity',
      hole: { cause: 'stall', message: 'no video for 9.4 s' },
    });
    expect(opens).toHaveLength(2);
    expect(opens[1]).toMatchObject({ startMs: T0 + 800 + 1000 });
    expect(seg.getStats().framesSkipped).toBe(20);
  });

  it('re-anchors when the camera clock drifts from the wall clock', () => {
    const seg = new Segmenter({ reanchorThresholdMs: 500, segmentTargetMs: 600_000 });
    // Wall time runs 2 % faster than stream time: 500 ms apart after 25 s.
    const actions = run(seg, [started, ...frames(30 * 25, { wallRate: 1.02 })]);
    const opens = actions.filter((x) => x.type === 'open');
    expect(opens).toHaveLength(2);
    expect(actions.find((x) => x.type === 'close')).toMatchObject({ reason: 'reanchor' });
    expect(seg.getStats().reanchors).toBe(1);
    // The new segment starts on the wall clock, after where the drifted segment ended.
    expect(opens[1]?.type === 'open' && opens[1].startMs).toBe(T0 + 26 * 1020);
  });

  it('closes a segment that finds no key frame to cut at for 30 minutes', () => {
    const seg = new Segmenter();
    // One key frame, then 1 fps of non-key frames for 31 minutes.
    const actions = run(seg, [started, ...frames(31 * 60, { fps: 1, gop: 100_000 })]);
    const close = actions.find((a) => a.type === 'close');
    expect(close).toMatchObject({
      reason: 'too-long',
      endMs: T0 + 30 * 60_000,
      hole: { cause: 'error' },
    });
    expect(seg.isOpen).toBe(false);
  });

  it('closes on request with the previous duration for the last frame', () => {
    const seg = new Segmenter();
    run(seg, [started, ...frames(10)]);
    expect(seg.isOpen).toBe(true);
    const actions = seg.close();
    expect(actions.map((a) => a.type)).toEqual(['fragment', 'close']);
    expect(actions[1]).toMatchObject({ reason: 'requested', frameCount: 10, endMs: T0 + 400 });
    expect(seg.isOpen).toBe(false);
    expect(seg.close()).toEqual([]);
  });
});
