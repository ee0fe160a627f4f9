import { describe, expect, it } from 'vitest';
import { cameraEventEntries, eventMarks } from './camera-events-model.ts';
import type { CameraEventMark } from './playback-api.ts';

const ev = (kind: CameraEventMark['kind'], from: number, to: number | null): CameraEventMark => ({
  id: `${kind}-${from}`,
  kind,
  from,
  to,
  endCause: null,
  triggers: 1,
  topic: '',
  source: {},
});
const w = { fromMs: 0, toMs: 100_000 };

describe('camera event marks', () => {
  it('places each event on the bar, joins those of a kind a few pixels apart, not across kinds', () => {
    const marks = eventMarks(
      [
        ev('motion', 10_000, 20_000),
        ev('motion', 20_200, 21_000), // 0.2 % after the first ends: joined
        ev('motion', 50_000, 50_000),
        ev('tamper', 20_100, null), // open: runs to now
        ev('input', 200_000, 201_000), // outside the window
      ],
      w,
      80_000,
    );
    expect(marks.map((m) => [m.kind, m.left, m.width, m.count, m.first.from, m.toMs])).toEqual([
      ['motion', 0.1, expect.closeTo(0.11, 6), 2, 10_000, 21_000],
      ['motion', 0.5, 0, 1, 50_000, 50_000],
      ['tamper', 0.201, expect.closeTo(0.599, 6), 1, 20_100, null],
    ]);
  });

  it('bounds the marks of a chattering camera by the bar, not by the events', () => {
    const many = Array.from({ length: 5_000 }, (_, i) => ev('motion', i * 20, i * 20 + 5));
    expect(eventMarks(many, w, 100_000).length).toBeLessThanOrEqual(1 / 0.004);
  });

  it('lists the events for the strip, each jumping to its start', () => {
    const entries = cameraEventEntries(
      [{ id: 'cam-1', spans: [], gaps: [], holds: [], events: [ev('input', 5, 9)] }],
      (e) => `title ${e.kind}`,
    );
    expect(entries).toEqual([
      {
        key: 'camera-event:input-5',
        kind: 'camera-event',
        eventKind: 'input',
        cameraId: 'cam-1',
        fromMs: 5,
        toMs: 9,
        title: 'title input',
        jumpMs: 5,
        ref: 'input-5',
      },
    ]);
  });
});
