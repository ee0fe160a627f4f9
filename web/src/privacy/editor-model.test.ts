import { describe, expect, it } from 'vitest';
import { closesPolygon, isValidMask, pointInBox } from './editor-model.ts';

describe('mask editor geometry', () => {
  it('turns a click into a normalised, clamped point', () => {
    const box = { left: 100, top: 50, width: 400, height: 200 };
    expect(pointInBox(300, 150, box)).toEqual([0.5, 0.5]);
    expect(pointInBox(50, 400, box)).toEqual([0, 1]);
    expect(pointInBox(133.3333, 50, box)).toEqual([0.0833, 0]);
  });

  it('closes on a click near the first point, once there are three', () => {
    const pts: [number, number][] = [
      [0.1, 0.1],
      [0.5, 0.1],
    ];
    expect(closesPolygon(pts, [0.105, 0.1])).toBe(false);
    pts.push([0.5, 0.5]);
    expect(closesPolygon(pts, [0.105, 0.1])).toBe(true);
    expect(closesPolygon(pts, [0.2, 0.2])).toBe(false);
  });

  it('accepts only polygons the server accepts', () => {
    expect(
      isValidMask([
        [0, 0],
        [1, 0],
        [1, 1],
      ]),
    ).toBe(true);
    expect(
      isValidMask([
        [0, 0],
        [0.5, 0.5],
        [1, 1],
      ]),
    ).toBe(false);
    expect(
      isValidMask([
        [0, 0],
        [1, 0],
      ]),
    ).toBe(false);
  });
});
