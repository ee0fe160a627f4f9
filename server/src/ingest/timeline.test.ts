import { describe, expect, it } from 'vitest';
import { Timeline } from './timeline.ts';

const T0 = Date.UTC(2026, 0, 1);

/** Feeds `n` frames at 25 fps; arrival = capture + latency(i). Returns the mapped times. */
function feed(
  tl: Timeline,
  opts: { n: number; ts0: number; start?: number; latency?: (i: number) => number; tick?: number },
) {
  const out: { pts90k: number; wallMs: number; jumped: boolean; arrival: number }[] = [];
  const tick = opts.tick ?? 3600;
  for (let i = 0; i < opts.n; i++) {
    const capture = (opts.start ?? 0) + (i * tick) / 90;
    const arrival = capture + (opts.latency?.(i) ?? 50);
    const ts = (opts.ts0 + i * tick) >>> 0;
    out.push({ ...tl.map(ts, T0 + arrival, arrival), arrival });
  }
  return out;
}

describe('Timeline', () => {
  it('starts stream time at 0 and keeps wall time stable despite arrival jitter', () => {
    const tl = new Timeline();
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const frames = feed(tl, { n: 500, ts0: 123456, latency: () => 50 + rand() * 40 });
    expect(frames[0]?.pts90k).toBe(0);
    for (let i = 1; i < frames.length; i++) {
      const a = frames[i - 1];
      const b = frames[i];
      if (!a || !b) continue;
      expect(b.pts90k - a.pts90k).toBe(3600);
      // 40 ms each, within rounding and the 0.5 % slew: never the ±20 ms arrival jitter.
      expect(Math.abs(b.wallMs - a.wallMs - 40)).toBeLessThanOrEqual(1);
    }
    expect(tl.jumps).toBe(0);
  });

  it('keeps wall time on the arrivals when frames are read in batches after the first', () => {
    // Batched reads (read-batcher.ts): the first frame is read as it arrives, the others up to
    // 250 ms later, several at once, all stamped with the read's time.
    const tl = new Timeline();
    let worst = 0;
    for (let i = 0; i < 25 * 120; i++) {
      const arrival = 20 + i * 40;
      const read = i === 0 ? arrival : Math.ceil(arrival / 250) * 250;
      const t = tl.map(i * 3600, T0 + read, read);
      worst = Math.max(worst, Math.abs(t.wallMs - (T0 + arrival)));
    }
    expect(worst).toBeLessThanOrEqual(1);
  });

  it('extends timestamps across the 32-bit wraparound', () => {
    const tl = new Timeline();
    const frames = feed(tl, { n: 20, ts0: 2 ** 32 - 3600 * 10 });
    expect(frames.map((f) => f.pts90k)).toEqual(Array.from({ length: 20 }, (_, i) => i * 3600));
    expect(tl.jumps).toBe(0);
  });

  it('re-anchors a forward jump and a backward jump, counting them', () => {
    const tl = new Timeline();
    const a = feed(tl, { n: 10, ts0: 1000 });
    const b = feed(tl, { n: 10, ts0: 1000 + 10 * 3600 + 90_000 * 3600, start: 400 });
    const c = feed(tl, { n: 10, ts0: 1000 + 20 * 3600 + 90_000 * 3600 - 90_000 * 60, start: 800 });
    const all = [...a, ...b, ...c];
    expect(all.map((f) => f.pts90k)).toEqual(Array.from({ length: 30 }, (_, i) => i * 3600));
    expect(all.filter((f) => f.jumped).map((f) => all.indexOf(f))).toEqual([10, 20]);
    expect(tl.jumps).toBe(2);
    for (let i = 1; i < all.length; i++) {
      expect((all[i]?.wallMs ?? 0) - (all[i - 1]?.wallMs ?? 0)).toBeGreaterThan(0);
    }
  });

  it('does not take a network hiccup or a real pause for a jump', () => {
    const tl = new Timeline();
    // Frames 25..124 held up 4 s in the network, then delivered in a burst.
    feed(tl, {
      n: 200,
      ts0: 0,
      latency: (i) => (i >= 25 && i < 125 ? Math.max(50, 4050 - (i - 25) * 40) : 50),
    });
    // The camera sends nothing for 4 s, and its timestamps say so.
    const after = feed(tl, { n: 5, ts0: 200 * 3600 + 4 * 90_000, start: 8000 + 4000 });
    expect(tl.jumps).toBe(0);
    expect(after[0]?.pts90k).toBe(200 * 3600 + 4 * 90_000);
  });

  it('follows a camera clock that drifts 100 ppm without stepping', () => {
    const tl = new Timeline();
    // One hour at 25 fps; the camera's 90 kHz clock runs 100 ppm fast against ours.
    const frames = feed(tl, { n: 90_000, ts0: 5, tick: 3600 * 1.0001, latency: () => 60 });
    const last = frames.at(-1);
    // The uncorrected line would be 360 ms ahead after an hour; wall time tracks arrival (anchored
    // at the first frame's arrival) within a few tens of ms...
    expect(Math.abs((last?.arrival ?? 0) + T0 - (last?.wallMs ?? 0))).toBeLessThan(50);
    // ...and never jumps from one frame to the next.
    let worst = 0;
    for (let i = 1; i < frames.length; i++) {
      const d = (frames[i]?.wallMs ?? 0) - (frames[i - 1]?.wallMs ?? 0);
      worst = Math.max(worst, Math.abs(d - 40));
    }
    expect(worst).toBeLessThanOrEqual(1.5);
  });

  it('takes wall time from sender reports when the camera clock is plausible', () => {
    const tl = new Timeline();
    // The SR says: RTP timestamp 1000 was captured at T0 + 0 (camera NTP); it arrives 70 ms later.
    tl.senderReport(1000, T0, T0 + 70);
    const f = tl.map(1000 + 3600, T0 + 40 + 70, 110);
    expect(tl.source).toBe('sender-report');
    expect(f.wallMs).toBe(T0 + 40);
    // A camera an hour off is ignored.
    const tl2 = new Timeline();
    tl2.senderReport(1000, T0 - 3_600_000, T0);
    expect(tl2.rejectedSenderReports).toBe(1);
    expect(tl2.map(1000, T0 + 50, 50).wallMs).toBe(T0 + 50);
    expect(tl2.source).toBe('arrival');
  });

  it('restarts stream time at 0 after a loss, keeping wall time continuous', () => {
    const tl = new Timeline();
    const a = feed(tl, { n: 10, ts0: 0 });
    tl.restart();
    const b = feed(tl, { n: 3, ts0: 20 * 3600, start: 800 });
    expect(b[0]?.pts90k).toBe(0);
    expect(b[1]?.pts90k).toBe(3600);
    expect((b[0]?.wallMs ?? 0) - (a[9]?.wallMs ?? 0)).toBe(440);
  });
});
