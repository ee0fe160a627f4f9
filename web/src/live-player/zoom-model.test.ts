import { describe, expect, it } from 'vitest';
import {
  MAX_ZOOM,
  NO_ZOOM,
  applyZoomKey,
  clampZoom,
  panBy,
  toTile,
  zoomAt,
  zoomKeyAction,
  zoomLabel,
  zoomStep,
  zoomTransform,
} from './zoom-model.ts';

/** The picture covers the tile: its corners lie outside or on the tile's. */
function covers(z: { scale: number; x: number; y: number }): boolean {
  const [x0, y0] = toTile(z, 0, 0);
  const [x1, y1] = toTile(z, 1, 1);
  return x0 <= 1e-9 && y0 <= 1e-9 && x1 >= 1 - 1e-9 && y1 >= 1 - 1e-9;
}

describe('zoom model', () => {
  it('keeps the scale between 1× and 8×', () => {
    expect(clampZoom({ scale: 0.3, x: 0.2, y: 0.1 })).toEqual(NO_ZOOM);
    expect(clampZoom({ scale: 20, x: 0, y: 0 }).scale).toBe(MAX_ZOOM);
    let z = NO_ZOOM;
    for (let i = 0; i < 30; i++) z = zoomStep(z, 1);
    expect(z.scale).toBe(8);
    for (let i = 0; i < 30; i++) z = zoomStep(z, -1);
    expect(z).toEqual(NO_ZOOM);
  });

  it('keeps the point under the cursor in place', () => {
    const z = zoomAt(NO_ZOOM, 4, 0.25, 0.75);
    expect(z.scale).toBe(4);
    const [tx, ty] = toTile(z, 0.25, 0.75);
    expect(tx).toBeCloseTo(0.25);
    expect(ty).toBeCloseTo(0.75);
  });

  it('never uncovers the tile, however far it is dragged', () => {
    let z = zoomAt(NO_ZOOM, 3, 0.9, 0.1);
    expect(covers(z)).toBe(true);
    z = panBy(z, 5, -5);
    expect(z.x).toBe(0);
    expect(z.y).toBe(-2);
    expect(covers(z)).toBe(true);
    z = panBy(z, -9, 9);
    expect(z.x).toBe(-2);
    expect(covers(z)).toBe(true);
    expect(panBy(NO_ZOOM, 0.3, 0.3)).toEqual(NO_ZOOM);
  });

  it('zooms at a corner without leaving a band', () => {
    const z = zoomAt(NO_ZOOM, 2, 1, 1);
    expect(z).toEqual({ scale: 2, x: -1, y: -1 });
    expect(covers(zoomStep(z, -1, 0, 0))).toBe(true);
  });

  it('moves masks with the picture: a masked region stays over the same part at 4×', () => {
    // The mask polygon's corners are points of the picture; the layer moves both alike.
    const z = zoomAt(NO_ZOOM, 4, 0.6, 0.4);
    const mask = [
      [0.5, 0.3],
      [0.7, 0.3],
      [0.7, 0.5],
      [0.5, 0.5],
    ] as const;
    const [ax, ay] = toTile(z, 0.6, 0.4);
    const [l, t] = toTile(z, mask[0][0], mask[0][1]);
    const [r, b] = toTile(z, mask[2][0], mask[2][1]);
    expect(l <= ax && ax <= r && t <= ay && ay <= b).toBe(true);
    // At 4× the region fills most of the tile around the cursor.
    expect(r - l).toBeCloseTo(0.8);
  });

  it('writes the transform and the level', () => {
    expect(zoomTransform({ scale: 4, x: -1.5, y: -0.5 })).toBe(
      'translate(-150.0000%, -50.0000%) scale(4.0000)',
    );
    expect(zoomLabel(NO_ZOOM)).toBe('1×');
    expect(zoomLabel({ scale: 1.5874, x: 0, y: 0 })).toBe('1.6×');
  });

  it('answers z, Z and x only, without modifiers', () => {
    const k = (key: string, ctrlKey = false) => ({ key, ctrlKey, metaKey: false, altKey: false });
    expect(zoomKeyAction(k('z'))).toBe('in');
    expect(zoomKeyAction(k('Z'))).toBe('out');
    expect(zoomKeyAction(k('x'))).toBe('reset');
    expect(zoomKeyAction(k('z', true))).toBeNull();
    expect(zoomKeyAction(k('+'))).toBeNull();
    expect(zoomKeyAction(k('1'))).toBeNull();
    expect(applyZoomKey(applyZoomKey(NO_ZOOM, 'in'), 'reset')).toEqual(NO_ZOOM);
    expect(applyZoomKey(NO_ZOOM, 'in').scale).toBeCloseTo(1.26, 2);
    let z = NO_ZOOM;
    for (let i = 0; i < 6; i++) z = applyZoomKey(z, 'in');
    expect(z.scale).toBe(4);
    expect(zoomLabel(z)).toBe('4×');
  });
});
