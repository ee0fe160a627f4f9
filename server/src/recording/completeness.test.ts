import { describe, expect, it } from 'vitest';
import { coverage, intersect, normalize } from './completeness.ts';

const H = 3_600_000;

describe('completeness', () => {
  it('merges and clips intervals', () => {
    expect(
      normalize(
        [
          { startMs: 50, endMs: 80 },
          { startMs: 0, endMs: 10 },
          { startMs: 5, endMs: 20 },
          { startMs: 90, endMs: 90 },
        ],
        2,
        60,
      ),
    ).toEqual([
      { startMs: 2, endMs: 20 },
      { startMs: 50, endMs: 60 },
    ]);
    expect(
      intersect(
        [{ startMs: 0, endMs: 100 }],
        [
          { startMs: 10, endMs: 20 },
          { startMs: 90, endMs: 120 },
        ],
      ),
    ).toEqual([
      { startMs: 10, endMs: 20 },
      { startMs: 90, endMs: 100 },
    ]);
  });

  it('counts only recorded time that was expected', () => {
    // Expected from 0:15 (camera enabled); recorded 0:00-0:30 and 0:40-1:00.
    const c = coverage(
      [{ startMs: H / 4, endMs: 10 * H }],
      [
        { startMs: 0, endMs: H / 2 },
        { startMs: (2 * H) / 3, endMs: H },
      ],
      0,
      H,
    );
    expect(c.expectedSeconds).toBe(2700);
    expect(c.recordedSeconds).toBe(900 + 1200);
    expect(c.ratio).toBeCloseTo(2100 / 2700, 4);
  });

  it('has no ratio when nothing was expected', () => {
    expect(coverage([], [{ startMs: 0, endMs: 10 }], 0, H)).toMatchObject({
      expectedSeconds: 0,
      recordedSeconds: 0,
      ratio: null,
    });
  });
});
