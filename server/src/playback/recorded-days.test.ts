import { describe, expect, it } from 'vitest';
import { daysOfMonth, daysWithSpans } from './recorded-days.ts';

const H = 3_600_000;

describe('days of a month in the site time zone', () => {
  it('counts local days, 25 hours on the night summer time ends', () => {
    const days = daysOfMonth('2026-10', 'Europe/Rome');
    expect(days).toHaveLength(31);
    expect(days[0]).toEqual({
      date: '2026-10-01',
      startMs: Date.UTC(2026, 8, 30, 22),
      endMs: Date.UTC(2026, 9, 1, 22),
    });
    const d25 = days[24];
    expect(d25?.date).toBe('2026-10-25');
    expect((d25?.endMs ?? 0) - (d25?.startMs ?? 0)).toBe(25 * H);
  });

  it('refuses a month that is not YYYY-MM', () => {
    expect(() => daysOfMonth('2026-13', 'Europe/Rome')).toThrow(/month/);
  });

  it('marks the local days any span touches, across cameras', () => {
    const days = daysOfMonth('2026-12', 'Europe/Rome');
    // 23:30 UTC on 6 December is 00:30 on the 7th in Rome.
    const a: [number, number][] = [[Date.UTC(2026, 11, 6, 23, 30), Date.UTC(2026, 11, 6, 23, 40)]];
    const b: [number, number][] = [[Date.UTC(2026, 11, 1, 10), Date.UTC(2026, 11, 2, 10)]];
    expect(daysWithSpans(days, [a, b])).toEqual(['2026-12-01', '2026-12-02', '2026-12-07']);
    expect(daysWithSpans(days, [])).toEqual([]);
  });
});
