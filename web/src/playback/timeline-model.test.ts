import { describe, expect, it } from 'vitest';
import {
  fractionOf,
  nextRecorded,
  thumbnailInstant,
  ticks,
  visibleParts,
  windowAround,
  ZOOM_LEVELS,
} from './timeline-model.ts';

const H = 3_600_000;

describe('timeline model', () => {
  it('zooms from 7 days to 1 minute', () => {
    expect(ZOOM_LEVELS[0]).toBe(7 * 24 * H);
    expect(ZOOM_LEVELS[ZOOM_LEVELS.length - 1]).toBe(60_000);
  });

  it('keeps the window inside the allowed range', () => {
    expect(windowAround(100 * H, 10 * H, 0, 102 * H)).toEqual({ fromMs: 92 * H, toMs: 102 * H });
    expect(windowAround(1 * H, 10 * H, 0, 102 * H)).toEqual({ fromMs: 0, toMs: 10 * H });
  });

  it('maps spans and gaps to fractions of the bar', () => {
    const w = { fromMs: 0, toMs: 10 * H };
    expect(fractionOf(5 * H, w)).toBe(0.5);
    const round = (parts: [number, number][]) =>
      parts.map(([a, b]) => [+a.toFixed(6), +b.toFixed(6)]);
    expect(
      round(
        visibleParts(
          [
            [-H, 2 * H],
            [4 * H, 5 * H],
            [20 * H, 21 * H],
          ],
          w,
        ),
      ),
    ).toEqual([
      [0, 0.2],
      [0.4, 0.1],
    ]);
    expect(round(visibleParts([{ from: 9 * H, to: 11 * H }], w))).toEqual([[0.9, 0.1]]);
  });

  it('puts ticks on round local times and finds where playback resumes after a gap', () => {
    const w = { fromMs: Date.UTC(2026, 2, 1, 10, 7), toMs: Date.UTC(2026, 2, 1, 11, 7) };
    const t = ticks(w, 8);
    expect(t[0]).toBe(Date.UTC(2026, 2, 1, 10, 10));
    expect(t.every((x) => x % (10 * 60_000) === 0)).toBe(true);
    expect(
      nextRecorded(
        [
          [0, 10],
          [20, 30],
        ],
        12,
      ),
    ).toBe(20);
    expect(
      nextRecorded(
        [
          [0, 10],
          [20, 30],
        ],
        5,
      ),
    ).toBe(5);
    expect(nextRecorded([[0, 10]], 12)).toBeUndefined();
  });

  it('asks hover thumbnails for instants on a 2 s step', () => {
    expect(thumbnailInstant(10_999)).toBe(10_000);
    expect(thumbnailInstant(11_000)).toBe(12_000);
    expect(thumbnailInstant(12_400)).toBe(12_000);
  });
});
