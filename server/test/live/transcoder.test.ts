/**
 * The H.265 → H.264 transcode with the real ffmpeg: it starts with the first viewer, turns an
 * H.265 hub's pictures into H.264 pictures that keep their times, and stops (ffmpeg ended) when
 * the last viewer leaves.
 */
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../src/app/clock.ts';
import { silentLogger } from '../../src/app/logger.ts';
import { StreamHub } from '../../src/ingest/hub.ts';
import type { StreamEvent, TimedAccessUnit } from '../../src/ingest/types.ts';
import { Transcoders } from '../../src/live/transcoder.ts';
import { clipEvents, loadClip } from '../recording/support.ts';
import { waitFor } from '../support/wait-for.ts';

describe('H.265 transcode for browsers without H.265', () => {
  it('runs while watched, emits H.264 with the input times, and stops when nobody watches', async () => {
    const clip = await loadClip('h265');
    const input = new StreamHub('cam-005', 'sub', { clock: systemClock, logger: silentLogger() });
    const transcoders = new Transcoders(
      { hub: (id, stream) => (id === 'cam-005' && stream === 'sub' ? input : undefined) },
      { clock: systemClock, logger: silentLogger() },
    );
    expect(transcoders.hub('cam-404')).toBeUndefined();
    const hub = transcoders.hub('cam-005');
    if (hub === undefined) throw new Error('no transcode hub');
    expect(transcoders.hub('cam-005')).toBe(hub);
    expect(input.wanted).toBe(false);

    const got: StreamEvent[] = [];
    const sub = hub.subscribe({ onEvent: (e) => got.push(e) });
    expect(transcoders.count).toBe(1);
    expect(input.wanted).toBe(true);

    const wall0 = 1_700_000_000_000;
    input.publish({ type: 'started', info: clip.info, atMs: wall0 });
    const events = clipEvents(clip, 40, { wall0 });
    for (const e of events) input.publish(e);
    const frames = (): TimedAccessUnit[] =>
      got.flatMap((e) => (e.type === 'frame' ? [e.frame] : []));
    await waitFor(() => frames().length >= 30, { timeoutMs: 20_000, what: 'transcoded frames' });

    const started = got[0];
    expect(started?.type).toBe('started');
    if (started?.type === 'started') {
      expect(started.info.params.codec).toBe('h264');
      expect(started.info.codecString).toMatch(/^avc1\./);
      expect([started.info.width, started.info.height]).toEqual([320, 240]);
    }
    const out = frames();
    expect(out[0]?.isKey).toBe(true);
    expect(out.every((f) => f.codec === 'h264')).toBe(true);
    const inputTimes = events.flatMap((e) => (e.type === 'frame' ? [e.frame.pts90k] : []));
    expect(out.map((f) => f.pts90k)).toEqual(inputTimes.slice(0, out.length));

    sub.close();
    expect(transcoders.count).toBe(0);
    expect(input.wanted).toBe(false);
    transcoders.close();
  });
});
