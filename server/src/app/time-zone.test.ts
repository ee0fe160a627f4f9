import { describe, expect, it } from 'vitest';
import { isTimeZone, localDay, localHour } from './time-zone.ts';

const utc = (s: string) => Date.parse(s);

describe('local windows', () => {
  it('gives the Rome day from local midnight to local midnight, winter and summer', () => {
    expect(localDay(utc('2026-01-15T23:30:00Z'), 'Europe/Rome')).toEqual({
      startMs: utc('2026-01-15T23:00:00Z'),
      endMs: utc('2026-01-16T23:00:00Z'),
    });
    expect(localDay(utc('2026-07-01T10:00:00Z'), 'Europe/Rome')).toEqual({
      startMs: utc('2026-06-30T22:00:00Z'),
      endMs: utc('2026-07-01T22:00:00Z'),
    });
  });

  it('has days of 23 and 25 hours where daylight saving time starts and ends', () => {
    const spring = localDay(utc('2026-03-29T12:00:00Z'), 'Europe/Rome');
    expect(spring.startMs).toBe(utc('2026-03-28T23:00:00Z'));
    expect((spring.endMs - spring.startMs) / 3_600_000).toBe(23);
    const autumn = localDay(utc('2026-10-25T12:00:00Z'), 'Europe/Rome');
    expect(autumn.startMs).toBe(utc('2026-10-24T22:00:00Z'));
    expect((autumn.endMs - autumn.startMs) / 3_600_000).toBe(25);
  });

  it('gives the local hour, also in a zone with a half-hour offset', () => {
    expect(localHour(utc('2026-01-15T10:47:12.345Z'), 'Europe/Rome')).toEqual({
      startMs: utc('2026-01-15T10:00:00Z'),
      endMs: utc('2026-01-15T11:00:00Z'),
    });
    expect(localHour(utc('2026-01-15T10:47:12Z'), 'Asia/Kolkata')).toEqual({
      startMs: utc('2026-01-15T10:30:00Z'),
      endMs: utc('2026-01-15T11:30:00Z'),
    });
  });

  it('knows real time zones from made-up ones', () => {
    expect(isTimeZone('Europe/Rome')).toBe(true);
    expect(isTimeZone('Europe/Atlantide')).toBe(false);
  });
});
