import { describe, expect, it } from 'vitest';
import { WATCH_MERGE_MS, WatchedRanges } from './watched-ranges.ts';

describe('WatchedRanges', () => {
  it('merges ranges of a camera closer than 30 s, keeps farther ones apart', () => {
    const w = new WatchedRanges();
    w.add('cam-2', 0, 1000);
    w.add('cam-1', 100_000, 104_000.4);
    w.add('cam-1', 10_000.7, 14_000);
    w.add('cam-1', 14_000, 18_000); // adjacent
    w.add('cam-1', 18_000 + WATCH_MERGE_MS - 1, 50_000); // closer than 30 s
    expect(w.take()).toEqual([
      { cameraId: 'cam-1', fromMs: 10_000, toMs: 50_000 },
      { cameraId: 'cam-1', fromMs: 100_000, toMs: 104_001 },
      { cameraId: 'cam-2', fromMs: 0, toMs: 1000 },
    ]);
    expect(w.empty).toBe(true);
    expect(w.take()).toEqual([]);
  });

  it('puts back what could not be written', () => {
    const w = new WatchedRanges();
    w.add('cam-1', 0, 1000);
    const taken = w.take();
    w.add('cam-1', 1000, 2000);
    w.restore(taken);
    expect(w.take()).toEqual([{ cameraId: 'cam-1', fromMs: 0, toMs: 2000 }]);
  });
});
