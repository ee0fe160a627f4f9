import { describe, expect, it } from 'vitest';
import { compareMasks, type CameraMaskShape, type VedettaMaskShape } from './mask-compare.ts';
import type { Polygon } from './polygon.ts';

/** An axis-aligned rectangle, picture space. */
const rect = (x0: number, y0: number, x1: number, y1: number): Polygon => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
];
const ours = (id: string, points: Polygon): VedettaMaskShape => ({ id, label: id, points });
const cams = (token: string, points: Polygon, enabled = true): CameraMaskShape => ({
  token,
  points,
  enabled,
});

const WINDOW = rect(0.2, 0.25, 0.35, 0.4);

describe('compareMasks', () => {
  it('match: the same window on both sides, and also within 5 % of its area', () => {
    const same = compareMasks([ours('w', WINDOW)], [cams('m1', WINDOW)]);
    expect(same.verdict).toBe('match');
    expect(same.vedetta[0]).toMatchObject({ coveredShare: 1, covered: true });
    expect(same.vedetta[0]?.areaShare).toBeCloseTo(0.15 * 0.15, 2);
    expect(same.camera[0]).toMatchObject({ extraShare: 0, hidesMore: false });
    // The camera's window is 2 % narrower: still a match (tolerance 5 %).
    const near = compareMasks([ours('w', WINDOW)], [cams('m1', rect(0.2, 0.25, 0.347, 0.4))]);
    expect(near.verdict).toBe('match');
    expect(near.vedetta[0]?.coveredShare).toBeGreaterThan(0.95);
    expect(near.vedetta[0]?.coveredShare).toBeLessThan(1);
  });

  it('camera_hides_less: the camera hides half of one mask and none of another', () => {
    const r = compareMasks(
      [ours('w', WINDOW), ours('door', rect(0.6, 0.5, 0.7, 0.9))],
      [cams('m1', rect(0.2, 0.25, 0.275, 0.4))],
    );
    expect(r.verdict).toBe('camera_hides_less');
    expect(r.uncoveredCount).toBe(2);
    expect(r.vedetta[0]?.coveredShare).toBeCloseTo(0.5, 1);
    expect(r.vedetta[1]).toMatchObject({ coveredShare: 0, covered: false });
    expect(r.extraCount).toBe(0);
  });

  it('camera_hides_more: a camera mask beyond Vedetta’s, by its share outside', () => {
    const r = compareMasks(
      [ours('w', WINDOW)],
      [cams('m1', WINDOW), cams('m2', rect(0, 0, 0.1, 0.1))],
    );
    expect(r.verdict).toBe('camera_hides_more');
    expect(r.camera.map((c) => [c.token, c.hidesMore, c.extraShare])).toEqual([
      ['m1', false, 0],
      ['m2', true, 1],
    ]);
    // Vedetta with no masks at all: everything the camera hides is more.
    expect(compareMasks([], [cams('m1', WINDOW)]).verdict).toBe('camera_hides_more');
  });

  it('differs: one Vedetta mask uncovered and one camera mask elsewhere', () => {
    const r = compareMasks([ours('w', WINDOW)], [cams('m9', rect(0.7, 0.7, 0.9, 0.9))]);
    expect(r.verdict).toBe('differs');
    expect([r.uncoveredCount, r.extraCount]).toEqual([1, 1]);
  });

  it('camera_has_none: only disabled camera masks; match when neither side has any', () => {
    const r = compareMasks([ours('w', WINDOW)], [cams('m1', WINDOW, false)]);
    expect(r.verdict).toBe('camera_has_none');
    expect(r.disabledCameraMasks).toBe(1);
    expect(r.camera).toEqual([]);
    expect(compareMasks([], []).verdict).toBe('match');
  });

  it('counts a union: two camera masks together cover one Vedetta mask', () => {
    const r = compareMasks(
      [ours('w', WINDOW)],
      [cams('left', rect(0.2, 0.25, 0.28, 0.4)), cams('right', rect(0.27, 0.25, 0.35, 0.4))],
    );
    expect(r.verdict).toBe('match');
    expect(r.vedetta[0]?.coveredShare).toBe(1);
  });

  it('the tolerance is a parameter: 2 % narrower fails at 1 %', () => {
    const narrower = [cams('m1', rect(0.2, 0.25, 0.347, 0.4))];
    expect(compareMasks([ours('w', WINDOW)], narrower, { tolerance: 0.01 }).verdict).toBe(
      'camera_hides_less',
    );
  });
});
