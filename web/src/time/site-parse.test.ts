import { describe, expect, it } from 'vitest';
import { parseSiteDateTime, siteDayKey, siteInstant, siteTickLabel } from './site-parse.ts';

const ROME = 'Europe/Rome';

describe('finding a moment typed in the site zone (Europe/Rome), whatever the browser', () => {
  it('reads Italian dates and times', () => {
    // 7 December: CET, UTC+1.
    expect(parseSiteDateTime('07/12/2026 14:30', ROME)).toBe(Date.UTC(2026, 11, 7, 13, 30));
    expect(parseSiteDateTime('7/12/2026 14:30:05', ROME)).toBe(Date.UTC(2026, 11, 7, 13, 30, 5));
    expect(parseSiteDateTime(' 7.12.2026  14.30 ', ROME)).toBe(Date.UTC(2026, 11, 7, 13, 30));
    expect(parseSiteDateTime('07/12/2026 14:30:05,12', ROME)).toBe(
      Date.UTC(2026, 11, 7, 13, 30, 5, 120),
    );
    expect(parseSiteDateTime('2026-12-07T14:30', ROME)).toBe(Date.UTC(2026, 11, 7, 13, 30));
    expect(parseSiteDateTime('07/12/2026', ROME)).toBe(Date.UTC(2026, 11, 6, 23));
    // Summer: CEST, UTC+2.
    expect(parseSiteDateTime('15/07/2026 09:00', ROME)).toBe(Date.UTC(2026, 6, 15, 7));
  });

  it('reads a time alone on the reference day', () => {
    const ref = Date.UTC(2026, 11, 6, 23, 30); // 00:30 on the 7th in Rome
    expect(parseSiteDateTime('14:30', ROME, ref)).toBe(Date.UTC(2026, 11, 7, 13, 30));
    expect(parseSiteDateTime('14:30', ROME)).toBeNaN();
  });

  it('refuses what names no real date or time', () => {
    for (const bad of ['', '31/02/2026 10:00', '07/13/2026', '07/12/2026 24:00', 'ieri', '7/12/26'])
      expect(parseSiteDateTime(bad, ROME)).toBeNaN();
  });

  it('handles the daylight saving changes', () => {
    // 29 March 2026: 02:00 CET becomes 03:00 CEST; 02:30 does not exist and reads as 03:30.
    expect(parseSiteDateTime('29/03/2026 02:30', ROME)).toBe(Date.UTC(2026, 2, 29, 1, 30));
    expect(parseSiteDateTime('29/03/2026 03:00', ROME)).toBe(Date.UTC(2026, 2, 29, 1));
    // 25 October 2026: 02:30 happens twice; the first (CEST) is taken.
    expect(parseSiteDateTime('25/10/2026 02:30', ROME)).toBe(Date.UTC(2026, 9, 25, 0, 30));
    expect(parseSiteDateTime('25/10/2026 03:30', ROME)).toBe(Date.UTC(2026, 9, 25, 2, 30));
    const day =
      siteInstant(2026, 10, 26, 0, 0, 0, 0, ROME) - siteInstant(2026, 10, 25, 0, 0, 0, 0, ROME);
    expect(day).toBe(25 * 3_600_000);
  });

  it('writes day keys and tick labels in the site zone', () => {
    const ms = Date.UTC(2026, 11, 6, 23, 30, 5);
    expect(siteDayKey(ms, ROME)).toBe('2026-12-07');
    expect(siteDayKey(ms, 'UTC')).toBe('2026-12-06');
    expect(siteTickLabel(ms, 3_600_000, ROME)).toBe('00:30');
    expect(siteTickLabel(ms, 60_000, ROME)).toBe('00:30:05');
    expect(siteTickLabel(ms, 7 * 86_400_000, ROME)).toBe('7/12 00:30');
  });
});
