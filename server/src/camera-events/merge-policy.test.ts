import { describe, expect, it } from 'vitest';
import { decideStart, MAX_STARTS_PER_MINUTE, MERGE_GAP_MS, rememberStart } from './merge-policy.ts';

describe('merging camera event starts', () => {
  it('opens, continues while it holds, reopens within the gap', () => {
    expect(decideStart(undefined, [], 0)).toBe('new');
    expect(decideStart({ startedMs: 0, endedMs: null }, [0], 500)).toBe('still-active');
    expect(decideStart({ startedMs: 0, endedMs: 1_000 }, [0], 1_000 + MERGE_GAP_MS)).toBe('merge');
    expect(decideStart({ startedMs: 0, endedMs: 1_000 }, [0], 1_001 + MERGE_GAP_MS)).toBe('new');
  });

  it('extends the latest interval once a minute holds the bound, and opens again after it', () => {
    let starts: number[] = [];
    for (let i = 0; i < MAX_STARTS_PER_MINUTE; i++) starts = rememberStart(starts, i * 3_000);
    const latest = { startedMs: 33_000, endedMs: 33_500 };
    expect(decideStart(latest, starts, 40_000)).toBe('merge');
    // A minute after the first start, it no longer counts.
    expect(decideStart(latest, starts, 60_001)).toBe('new');
    expect(rememberStart(starts, 70_000)).toEqual([
      12_000, 15_000, 18_000, 21_000, 24_000, 27_000, 30_000, 33_000, 70_000,
    ]);
  });
});
