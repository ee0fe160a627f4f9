/**
 * The text of a date-and-time field in Italian form (`7/12/2026 15:27`, `7/12/2026 15:27:04`,
 * `7/12/2026`) for a `datetime-local`-style value in the site's zone, and back. The value keeps
 * the form the pages already hold (`YYYY-MM-DDTHH:MM[:SS]`, `YYYY-MM-DD` for a date), so the
 * field changes how a time is shown and typed, never what is sent. Pure functions.
 */
import { toSiteInput } from './site-input.ts';
import { parseSiteDateTime } from './site-parse.ts';

/** How much of an instant a field holds. */
export type FieldPrecision = 'date' | 'minutes' | 'seconds';

const VALUE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d{1,3})?)?$/;

/** The Italian text of `value`; '' when `value` is empty or not of the value's form. */
export function fieldText(value: string, precision: FieldPrecision): string {
  const m = VALUE.exec(value);
  if (!m) return '';
  const [, y, mo, d, h, mi, s] = m;
  const date = `${Number(d)}/${Number(mo)}/${y}`;
  if (precision === 'date') return date;
  const time = `${h ?? '00'}:${mi ?? '00'}`;
  return precision === 'seconds' ? `${date} ${time}:${s ?? '00'}` : `${date} ${time}`;
}

/**
 * The value for what was typed (Italian or ISO forms, see `parseSiteDateTime`): '' for blank
 * text, undefined when it cannot be read as a real date (and time).
 */
export function fieldValue(
  text: string,
  precision: FieldPrecision,
  timeZone: string,
): string | undefined {
  if (text.trim() === '') return '';
  const ms = parseSiteDateTime(text, timeZone);
  if (Number.isNaN(ms)) return undefined;
  const full = toSiteInput(ms, timeZone, 'ms');
  if (precision === 'date') return full.slice(0, 10);
  return precision === 'minutes' ? full.slice(0, 16) : full.slice(0, 19);
}
