import { describe, expect, it } from 'vitest';
import { wedgePoints } from './fov-wedge.ts';

describe('wedgePoints', () => {
  it('starts at the camera and spans the angle around the direction', () => {
    const pts = wedgePoints(44, 9, { directionDeg: 90, angleDeg: 60, rangeM: 100 }, 2);
    expect(pts).toHaveLength(4);
    expect(pts[0]).toEqual([44, 9]);
    // The middle of the arc is due east, 100 m away: same latitude, larger longitude.
    const [lat, lon] = pts[2] ?? [0, 0];
    expect(lat).toBeCloseTo(44, 9);
    expect((lon - 9) * 111_320 * Math.cos((44 * Math.PI) / 180)).toBeCloseTo(100, 6);
    // The ends are 30° either side: one north of east, one south.
    expect(pts[1]?.[0]).toBeGreaterThan(44);
    expect(pts[3]?.[0]).toBeLessThan(44);
  });

  it('draws a circle for 360°', () => {
    const pts = wedgePoints(44, 9, { directionDeg: 0, angleDeg: 360, rangeM: 50 }, 8);
    expect(pts).toHaveLength(9);
    expect(pts[0]?.[0]).toBeCloseTo(pts[8]?.[0] ?? 0, 12);
  });
});
