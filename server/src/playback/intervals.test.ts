import { describe, expect, it } from 'vitest';
import { addSpan, clipSpans, holesBetween, type Span } from './intervals.ts';

describe('span lists', () => {
  it('merges touching and near spans, in or out of order', () => {
    const list: Span[] = [];
    addSpan(list, [0, 10], 1);
    addSpan(list, [10, 20], 1); // touching
    addSpan(list, [20.5, 30], 1); // within tolerance
    addSpan(list, [40, 50], 1);
    addSpan(list, [32, 35], 1); // out of order
    addSpan(list, [5, 5], 1); // empty: ignored
    expect(list).toEqual([
      [0, 30],
      [32, 35],
      [40, 50],
    ]);
    addSpan(list, [29, 41], 1); // bridges three
    expect(list).toEqual([[0, 50]]);
  });

  it('clips to a window and finds the holes', () => {
    const list: Span[] = [
      [0, 10],
      [20, 30],
      [40, 50],
    ];
    expect(clipSpans(list, 5, 45)).toEqual([
      [5, 10],
      [20, 30],
      [40, 45],
    ]);
    expect(clipSpans(list, 10, 20)).toEqual([]);
    expect(holesBetween(list)).toEqual([
      [10, 20],
      [30, 40],
    ]);
  });
});
