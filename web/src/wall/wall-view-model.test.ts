import { describe, expect, it } from 'vitest';
import {
  assign,
  camerasAt,
  changeLayout,
  clearTile,
  EMPTY_VIEW,
  firstEmpty,
  hiddenPlaces,
  setTileTour,
  shownPlaces,
  stepsAfter,
  type WallView,
} from './wall-view-model.ts';

const ids = (v: WallView) => shownPlaces(v).map((p) => p.cameraId);

function sixteen(): WallView {
  let v: WallView = { ...EMPTY_VIEW, layout: '16' };
  for (const i of [0, 1, 3, 4, 9, 15]) v = assign(v, i, `cam-${i}`);
  return v;
}

describe('the wall view model', () => {
  it('keeps the assignments that fit a smaller layout and the rest for growing back', () => {
    const v = sixteen();
    const small = changeLayout(v, '4');
    expect(ids(small)).toEqual(['cam-0', 'cam-1', null, 'cam-3']);
    expect(hiddenPlaces(small).map((p) => p?.cameraId ?? null)).toEqual([
      'cam-4',
      null,
      null,
      null,
      null,
      'cam-9',
      null,
      null,
      null,
      null,
      null,
      'cam-15',
    ]);
    const one = changeLayout(small, '1');
    expect(ids(one)).toEqual(['cam-0']);
    // Growing back shows every camera in its place again.
    expect(ids(changeLayout(one, '16'))).toEqual(ids(v));
    // 1+5 shows places 0–5: the big tile is place 0.
    expect(ids(changeLayout(one, '1+5'))).toEqual(['cam-0', 'cam-1', null, 'cam-3', 'cam-4', null]);
  });

  it('moves a camera put on another tile, even from a hidden place', () => {
    const v = changeLayout(sixteen(), '4');
    const moved = assign(v, 2, 'cam-9');
    expect(ids(moved)).toEqual(['cam-0', 'cam-1', 'cam-9', 'cam-3']);
    expect(hiddenPlaces(moved).map((p) => p?.cameraId ?? null)).not.toContain('cam-9');
    expect(assign(v, 7, 'cam-x')).toBe(v); // not a shown tile
    expect(ids(clearTile(moved, 0))).toEqual([null, 'cam-1', 'cam-9', 'cam-3']);
    expect(firstEmpty(clearTile(moved, 1))).toBe(1);
  });

  it('cycles a tile tour and pages a view tour over the tiles', () => {
    let v: WallView = { ...EMPTY_VIEW, layout: '4' };
    v = assign(v, 0, 'cam-a');
    v = setTileTour(v, 1, { cameraIds: ['cam-1', 'cam-2', 'cam-3'], seconds: 10 });
    expect(camerasAt(v, stepsAfter(0))).toEqual(['cam-a', 'cam-1', null, null]);
    expect(camerasAt(v, stepsAfter(9))[1]).toBe('cam-1');
    expect(camerasAt(v, stepsAfter(10))[1]).toBe('cam-2');
    expect(camerasAt(v, stepsAfter(35))[1]).toBe('cam-1');
    // A view tour of six cameras over four tiles: two pages.
    const toured: WallView = {
      ...EMPTY_VIEW,
      layout: '4',
      tour: { cameraIds: ['c1', 'c2', 'c3', 'c4', 'c5', 'c6'], seconds: 5 },
    };
    expect(camerasAt(toured, stepsAfter(0))).toEqual(['c1', 'c2', 'c3', 'c4']);
    expect(camerasAt(toured, stepsAfter(5))).toEqual(['c5', 'c6', null, null]);
    expect(camerasAt(toured, stepsAfter(10))).toEqual(['c1', 'c2', 'c3', 'c4']);
  });
});
