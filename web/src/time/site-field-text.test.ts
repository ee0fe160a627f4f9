import { describe, expect, it } from 'vitest';
import { fieldText, fieldValue } from './site-field-text.ts';

const ROME = 'Europe/Rome';

describe('date-and-time field text', () => {
  it('shows values in Italian form at each precision', () => {
    expect(fieldText('2026-12-07T15:27', 'minutes')).toBe('7/12/2026 15:27');
    expect(fieldText('2026-12-07T15:27:04', 'seconds')).toBe('7/12/2026 15:27:04');
    expect(fieldText('2026-12-07T15:27', 'seconds')).toBe('7/12/2026 15:27:00');
    expect(fieldText('2026-03-01', 'date')).toBe('1/3/2026');
    expect(fieldText('', 'minutes')).toBe('');
    expect(fieldText('yesterday', 'minutes')).toBe('');
  });

  it('reads Italian and ISO text back into the value the form holds', () => {
    expect(fieldValue('7/12/2026 15:27', 'minutes', ROME)).toBe('2026-12-07T15:27');
    expect(fieldValue('07.12.2026 15.27.04', 'seconds', ROME)).toBe('2026-12-07T15:27:04');
    expect(fieldValue('2026-12-07T15:27:04', 'seconds', ROME)).toBe('2026-12-07T15:27:04');
    expect(fieldValue('1/3/2026', 'date', ROME)).toBe('2026-03-01');
    expect(fieldValue('  ', 'minutes', ROME)).toBe('');
  });

  it('refuses what names no real moment', () => {
    expect(fieldValue('31/02/2026 10:00', 'minutes', ROME)).toBeUndefined();
    expect(fieldValue('7/12/2026 24:00', 'minutes', ROME)).toBeUndefined();
    expect(fieldValue('domani', 'minutes', ROME)).toBeUndefined();
  });

  it('round-trips every value it writes', () => {
    for (const v of ['2026-01-01T00:00', '2026-07-31T23:59', '2026-10-25T01:30']) {
      expect(fieldValue(fieldText(v, 'minutes'), 'minutes', ROME)).toBe(v);
    }
  });
});
