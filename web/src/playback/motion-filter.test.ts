import { describe, expect, it } from 'vitest';
import {
  mergeSpans,
  motionIntervals,
  nextMotion,
  previousMotion,
  recordedWithMotion,
} from './motion-filter.ts';
import type { CameraEventMark, CameraTimeline } from './playback-api.ts';

const ev = (kind: CameraEventMark['kind'], from: number, to: number | null): CameraEventMark => ({
  id: `${kind}-${from}`,
  kind,
  from,
  to,
  endCause: to === null ? null : 'camera',
  triggers: 1,
  topic: 'VideoSource/MotionAlarm',
  source: {},
});
const tl = (id: string, events: CameraEventMark[]): CameraTimeline => ({
  id,
  spans: [],
  gaps: [],
  holds: [],
  events,
});

describe('the motion filter', () => {
  it('merges the motion of every camera, open intervals running to now, other kinds left out', () => {
    const m = motionIntervals(
      [
        tl('a', [ev('motion', 100, 200), ev('tamper', 150, 900), ev('motion', 5_000, null)]),
        tl('b', [ev('motion', 180, 300), ev('input', 400, 500)]),
        { id: 'c', spans: [], gaps: [], holds: [] },
      ],
      6_000,
    );
    expect(m).toEqual([
      [100, 300],
      [5_000, 6_000],
    ]);
    expect(
      mergeSpans([
        [5, 6],
        [1, 2],
        [2, 3],
      ]),
    ).toEqual([
      [1, 3],
      [5, 6],
    ]);
  });

  it('keeps only the recorded parts that overlap motion', () => {
    const spans: [number, number][] = [
      [0, 1_000],
      [2_000, 3_000],
      [4_000, 5_000],
    ];
    expect(
      recordedWithMotion(spans, [
        [500, 2_500],
        [3_500, 3_600], // in a gap: nothing recorded
        [4_200, 4_200], // an instant: one millisecond
      ]),
    ).toEqual([
      [500, 1_000],
      [2_000, 2_500],
      [4_200, 4_201],
    ]);
    expect(recordedWithMotion(spans, [])).toEqual([]);
  });

  it('finds the next and previous motion start, past the one at the playhead', () => {
    const m: [number, number][] = [
      [10_000, 12_000],
      [30_000, 31_000],
      [60_000, 61_000],
    ];
    expect(nextMotion(m, 0)).toBe(10_000);
    expect(nextMotion(m, 10_000)).toBe(30_000); // at a start: the next one
    expect(nextMotion(m, 60_000)).toBeNull();
    expect(previousMotion(m, 30_000)).toBe(10_000); // at a start: the one before
    expect(previousMotion(m, 45_000)).toBe(30_000);
    expect(previousMotion(m, 10_500)).toBeNull();
  });
});
