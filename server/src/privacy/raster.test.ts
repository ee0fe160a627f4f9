import { describe, expect, it } from 'vitest';
import { pointInPolygon, polygonSchema, type Polygon } from './polygon.ts';
import { maskImagePam, rasterizeMasks } from './raster.ts';

const square: Polygon = [
  [0.25, 0.25],
  [0.75, 0.25],
  [0.75, 0.75],
  [0.25, 0.75],
];
const triangle: Polygon = [
  [0.1, 0.9],
  [0.5, 0.1],
  [0.9, 0.9],
];

describe('mask rasterisation', () => {
  it('masks exactly the pixels whose centre is inside (same rule as pointInPolygon)', () => {
    const w = 37;
    const h = 23;
    const m = rasterizeMasks([triangle, square], w, h);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const nx = (x + 0.5) / w;
        const ny = (y + 0.5) / h;
        const inside = pointInPolygon(nx, ny, triangle) || pointInPolygon(nx, ny, square);
        expect(m[y * w + x], `pixel ${x},${y}`).toBe(inside ? 1 : 0);
      }
    }
  });

  it('covers a quarter of the picture for the centred half-size square', () => {
    const m = rasterizeMasks([square], 64, 48);
    expect(m.reduce((n, v) => n + v, 0)).toBe(32 * 24);
  });

  it('writes an RGB_ALPHA PAM with opaque masked pixels', () => {
    const pam = maskImagePam([square], 4, 4, [10, 20, 30]);
    const text = new TextDecoder().decode(pam.subarray(0, 70));
    expect(text).toMatch(
      /^P7\nWIDTH 4\nHEIGHT 4\nDEPTH 4\nMAXVAL 255\nTUPLTYPE RGB_ALPHA\nENDHDR\n/,
    );
    const body = pam.subarray(pam.length - 64);
    expect([...body.subarray(0, 4)]).toEqual([10, 20, 30, 0]); // (0,0) outside
    expect([...body.subarray(5 * 4, 6 * 4)]).toEqual([10, 20, 30, 255]); // (1,1) inside
  });

  it('refuses polygons that are too small, out of range or flat, naming why', () => {
    expect(
      polygonSchema.safeParse([
        [0, 0],
        [1, 1],
      ]).error?.issues[0]?.message,
    ).toBe('must have at least 3 points');
    expect(
      polygonSchema.safeParse([
        [0, 0],
        [1.5, 1],
        [0, 1],
      ]).error?.issues[0]?.message,
    ).toBe('must be between 0 and 1');
    expect(
      polygonSchema.safeParse([
        [0, 0],
        [0.5, 0.5],
        [1, 1],
      ]).error?.issues[0]?.message,
    ).toContain('must enclose an area');
    expect(() => rasterizeMasks([square], 0, 10)).toThrow(/0x10/);
  });
});
