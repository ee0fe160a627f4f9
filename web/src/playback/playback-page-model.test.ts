import { describe, expect, it } from 'vitest';
import { addMonths, monthGrid, monthKey } from './calendar-model.ts';
import { BEFORE_GAP_MS, gapAt, recentEvents, type PlaybackEvent } from './events-model.ts';
import type { CameraTimeline } from './playback-api.ts';
import { keyAction, nextRate } from './playback-keys.ts';
import {
  openingInstant,
  recordedRangeIn,
  windowAround,
  zoomAround,
  ZOOM_LEVELS,
} from './timeline-model.ts';

const MIN = 60_000;

describe('zoom around the playhead', () => {
  it('keeps the playhead at the same place on the bar', () => {
    const view = { fromMs: 0, toMs: 60 * MIN };
    const playhead = 45 * MIN; // three quarters along
    const center = zoomAround(playhead, view, 10 * MIN);
    const zoomed = windowAround(center, 10 * MIN, -1e12, 1e12);
    expect((playhead - zoomed.fromMs) / (zoomed.toMs - zoomed.fromMs)).toBeCloseTo(0.75, 6);
  });
  it('centres a playhead that is out of view', () => {
    expect(zoomAround(500 * MIN, { fromMs: 0, toMs: 60 * MIN }, 10 * MIN)).toBe(500 * MIN);
  });
  it('offers 10 minutes', () => {
    expect(ZOOM_LEVELS).toContain(10 * MIN);
  });
});

describe('where the page opens and Home/End', () => {
  it('opens 15 s before the latest recorded instant of any camera', () => {
    expect(
      openingInstant([
        [
          [0, 100_000],
          [200_000, 300_000],
        ],
        [[0, 250_000]],
      ]),
    ).toBe(285_000);
    expect(openingInstant([[[290_000, 295_000]]])).toBe(290_000);
    expect(openingInstant([[], []])).toBeUndefined();
  });
  it('finds the recorded range inside the window', () => {
    const spans: [number, number][] = [
      [0, 100],
      [200, 300],
      [400, 500],
    ];
    expect(recordedRangeIn(spans, { fromMs: 50, toMs: 450 })).toEqual({ firstMs: 50, lastMs: 450 });
    expect(recordedRangeIn(spans, { fromMs: 110, toMs: 190 })).toBeUndefined();
  });
});

const timeline = (id: string, gaps: [number, number, string][]): CameraTimeline => ({
  id,
  spans: [],
  holds: [],
  gaps: gaps.map(([from, to, cause]) => ({ from, to, cause, message: '', open: false })),
});

describe('recent events', () => {
  it('lists gaps of every camera newest first, with the extra events, jumping before a gap', () => {
    const bookmark: PlaybackEvent = {
      key: 'b1',
      kind: 'bookmark',
      cameraId: 'cam-002',
      fromMs: 150_000,
      toMs: null,
      title: 'furgone',
      jumpMs: 150_000,
    };
    const events = recentEvents(
      [
        timeline('cam-001', [[100_000, 120_000, 'offline']]),
        timeline('cam-002', [[200_000, 210_000, 'disk']]),
      ],
      [bookmark],
    );
    expect(events.map((e) => e.key)).toEqual(['gap:cam-002:200000', 'b1', 'gap:cam-001:100000']);
    expect(events[0]?.jumpMs).toBe(200_000 - BEFORE_GAP_MS);
    expect(events[2]?.cause).toBe('offline');
  });
  it('finds the gap at an instant', () => {
    const t = timeline('cam-001', [[100, 200, 'offline']]);
    expect(gapAt(t, 150)?.cause).toBe('offline');
    expect(gapAt(t, 200)).toBeUndefined();
  });
});

describe('calendar', () => {
  it('lays out December 2026 from Monday', () => {
    const weeks = monthGrid({ year: 2026, month: 12 });
    // 1 December 2026 is a Tuesday.
    expect(weeks[0]?.[0]).toBeNull();
    expect(weeks[0]?.[1]).toEqual({ day: 1, key: '2026-12-01' });
    expect(weeks.flat().filter((c) => c !== null)).toHaveLength(31);
    expect(monthKey(addMonths({ year: 2026, month: 12 }, 1))).toBe('2027-01');
    expect(monthKey(addMonths({ year: 2026, month: 1 }, -1))).toBe('2025-12');
  });
});

describe('keyboard', () => {
  it('maps the keys, leaving fields alone', () => {
    expect(keyAction({ key: ' ' })).toBe('toggle');
    expect(keyAction({ key: 'ArrowRight' })).toBe('frameForward');
    expect(keyAction({ key: 'j' })).toBe('slower');
    expect(keyAction({ key: 'K' })).toBe('pause');
    expect(keyAction({ key: 'End' })).toBe('last');
    expect(keyAction({ key: '+' })).toBe('zoomIn');
    expect(keyAction({ key: '-' })).toBe('zoomOut');
    expect(keyAction({ key: ' ', targetTag: 'INPUT' })).toBeUndefined();
    expect(keyAction({ key: ' ', targetTag: 'BUTTON' })).toBeUndefined();
    expect(keyAction({ key: 'l', ctrlKey: true })).toBeUndefined();
  });
  it('steps the speed', () => {
    const speeds = [0.5, 1, 2, 4];
    expect(nextRate(speeds, 1, 1)).toBe(2);
    expect(nextRate(speeds, 0.5, -1)).toBe(0.5);
    expect(nextRate(speeds, 4, 1)).toBe(4);
  });
});
