import { describe, expect, it } from 'vitest';
import { clipHeld, mergeHeld, overlaps, overlapsAny } from './ranges.ts';

describe('held ranges', () => {
  it('treats ranges as half-open', () => {
    expect(overlaps({ fromMs: 0, toMs: 10 }, { fromMs: 10, toMs: 20 })).toBe(false);
    expect(overlaps({ fromMs: 0, toMs: 11 }, { fromMs: 10, toMs: 20 })).toBe(true);
    expect(overlaps({ fromMs: 12, toMs: 13 }, { fromMs: 10, toMs: 20 })).toBe(true);
    expect(overlapsAny({ fromMs: 30, toMs: 40 }, [{ fromMs: 0, toMs: 5 }])).toBe(false);
  });

  it('merges overlapping and touching ranges and unites their holds', () => {
    expect(
      mergeHeld([
        { fromMs: 50, toMs: 60, holdIds: ['c'] },
        { fromMs: 0, toMs: 10, holdIds: ['a'] },
        { fromMs: 10, toMs: 20, holdIds: ['b'] },
        { fromMs: 5, toMs: 8, holdIds: ['a'] },
      ]),
    ).toEqual([
      { fromMs: 0, toMs: 20, holdIds: ['a', 'b'] },
      { fromMs: 50, toMs: 60, holdIds: ['c'] },
    ]);
  });

  it('clips to a window', () => {
    expect(
      clipHeld(
        [
          { fromMs: 0, toMs: 20, holdIds: ['a'] },
          { fromMs: 50, toMs: 60, holdIds: ['c'] },
        ],
        { fromMs: 15, toMs: 55 },
      ),
    ).toEqual([
      { fromMs: 15, toMs: 20, holdIds: ['a'] },
      { fromMs: 50, toMs: 55, holdIds: ['c'] },
    ]);
  });
});
