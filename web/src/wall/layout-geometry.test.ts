import { describe, expect, it } from 'vitest';
import { geometryOf, LAYOUTS, neighbourOf, tileCountOf } from './layout-geometry.ts';

describe('layout geometry', () => {
  it('places as many tiles as each layout shows, every cell covered once', () => {
    for (const layout of LAYOUTS) {
      const g = geometryOf(layout);
      expect(g.tiles).toHaveLength(tileCountOf(layout));
      const covered = new Map<string, number>();
      for (const r of g.tiles)
        for (let c = r.col; c < r.col + r.colSpan; c++)
          for (let w = r.row; w < r.row + r.rowSpan; w++)
            covered.set(`${c},${w}`, (covered.get(`${c},${w}`) ?? 0) + 1);
      expect(covered.size, layout).toBe(g.columns * g.rows);
      expect(
        [...covered.values()].every((n) => n === 1),
        layout,
      ).toBe(true);
    }
  });

  it('draws the asymmetric layouts with one big tile first', () => {
    expect(tileCountOf('1+5')).toBe(6);
    expect(tileCountOf('1+7')).toBe(8);
    expect(tileCountOf('1+12')).toBe(13);
    expect(geometryOf('1+5').tiles[0]).toEqual({ col: 1, row: 1, colSpan: 2, rowSpan: 2 });
    expect(geometryOf('1+7').tiles[0]).toEqual({ col: 1, row: 1, colSpan: 3, rowSpan: 3 });
    // 1+12: the big tile in the middle of a 4×4 grid, twelve around it.
    expect(geometryOf('1+12').tiles[0]).toEqual({ col: 2, row: 2, colSpan: 2, rowSpan: 2 });
    expect(
      geometryOf('1+12')
        .tiles.slice(1)
        .every((r) => r.colSpan === 1),
    ).toBe(true);
  });

  it('moves the selection to the neighbouring tile, staying at the edges', () => {
    // 2×2: 0 1 / 2 3.
    expect(neighbourOf('4', 0, 'right')).toBe(1);
    expect(neighbourOf('4', 0, 'down')).toBe(2);
    expect(neighbourOf('4', 3, 'up')).toBe(1);
    expect(neighbourOf('4', 0, 'left')).toBe(0);
    // 1+5: big 0 (2×2 top left), 1 (3,1), 2 (3,2), 3 (1,3), 4 (2,3), 5 (3,3).
    expect(neighbourOf('1+5', 0, 'right')).toBe(1);
    expect(neighbourOf('1+5', 0, 'down')).toBe(3);
    expect(neighbourOf('1+5', 2, 'left')).toBe(0);
    expect(neighbourOf('1+5', 4, 'up')).toBe(0);
    expect(neighbourOf('1+5', 2, 'down')).toBe(5);
    // 1+12: from the top-left corner down to the left column, right from there into the big tile.
    expect(neighbourOf('1+12', 1, 'down')).toBe(5);
    expect(neighbourOf('1+12', 5, 'right')).toBe(0);
  });
});
