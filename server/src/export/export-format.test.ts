import { describe, expect, it } from 'vitest';
import type { IndexedSegment } from '../recording/recorded-files.ts';
import type { Segment } from '../recording/segment-store.ts';
import { localIso } from './local-time.ts';
import { planFragments } from './plan.ts';
import { movieDurations, movieTimes } from './timeline-rule.ts';
import { wallClockText } from './wallclock-text.ts';

const T0 = Date.UTC(2026, 2, 1, 10, 0, 0);

/** A segment of `n` one-second fragments, a key frame every `gop` fragments. */
function seg(startMs: number, n: number, gop: number): IndexedSegment {
  return {
    row: { start_ms: startMs } as Segment,
    fragments: Array.from({ length: n }, (_, i) => ({
      byteOffset: 1000 + i * 100,
      sizeBytes: 100,
      decodeTime90k: i * 90_000,
      duration90k: 90_000,
      frameCount: 25,
      startsWithKey: i % gop === 0,
      sha256: new Uint8Array(32),
    })),
  };
}

describe('export planning and time', () => {
  it('starts at the key frame at or before the start and crosses segments', () => {
    const plan = planFragments([seg(T0, 60, 2), seg(T0 + 60_000, 60, 2)], T0 + 59_500, T0 + 62_500);
    expect(plan.map((p) => [p.segment, p.index])).toEqual([
      [0, 58],
      [0, 59],
      [1, 0],
      [1, 1],
      [1, 2],
    ]);
    expect(planFragments([seg(T0, 10, 2)], T0 - 5000, T0 + 1000).map((p) => p.index)).toEqual([0]);
    expect(planFragments([seg(T0, 10, 2)], T0 + 20_000, T0 + 30_000)).toEqual([]);
  });

  it('places frames at their wall time, strictly increasing, holding the frame before a gap', () => {
    const t = movieTimes([900, 4500, 8100, 8100, 90_000 * 20]);
    expect(t).toEqual([0, 3600, 7200, 7201, 90_000 * 20 - 900]);
    expect(movieDurations(t, 3600)).toEqual([3600, 3600, 1, 90_000 * 20 - 900 - 7201, 3600]);
  });

  it('writes local time with the offset of the day (winter and summer in Rome)', () => {
    expect(localIso(Date.UTC(2026, 0, 15, 12, 0, 0, 5), 'Europe/Rome')).toBe(
      '2026-01-15T13:00:00.005+01:00',
    );
    expect(localIso(Date.UTC(2026, 6, 15, 12, 0, 0), 'Europe/Rome')).toBe(
      '2026-07-15T14:00:00.000+02:00',
    );
  });

  it('gives one subtitle per wall second and marks gaps', () => {
    const text = wallClockText(
      T0 + 500,
      4000,
      [{ fromMs: T0 + 2000, toMs: T0 + 3000, cause: 'offline' }],
      'Europe/Rome',
    );
    expect(text.map((x) => x.durationMs)).toEqual([500, 1000, 1000, 1000, 500]);
    expect(text[0]?.text).toBe('2026-03-01 10:00:00 UTC · 11:00:00 +01:00 (Europe/Rome)');
    expect(text[2]?.text).toContain('NO RECORDING (offline)');
    expect(text.reduce((n, x) => n + x.durationMs, 0)).toBe(4000);
  });
});
