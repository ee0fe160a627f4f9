import { describe, expect, it } from 'vitest';
import { clusterPoints } from './cluster.ts';

describe('clusterPoints', () => {
  it('groups points of one cell and keeps lone points alone', () => {
    const groups = clusterPoints(
      [
        { id: 'a', x: 10, y: 10 },
        { id: 'b', x: 30, y: 20 },
        { id: 'c', x: 200, y: 10 },
      ],
      64,
    );
    expect(groups).toEqual([
      { ids: ['a', 'b'], x: 20, y: 15 },
      { ids: ['c'], x: 200, y: 10 },
    ]);
  });

  it('puts 250 points spread over a few cells into a few clusters', () => {
    const points = Array.from({ length: 250 }, (_, i) => ({
      id: `cam-${i}`,
      x: (i % 5) * 100 + (i % 7),
      y: 50,
    }));
    const groups = clusterPoints(points, 64);
    expect(groups).toHaveLength(5);
    expect(groups.reduce((n, g) => n + g.ids.length, 0)).toBe(250);
  });
});
