/**
 * What an operator types to find a moment, read in the site's time zone whatever the browser's
 * language and zone: Italian dates and times (`07/12/2026 14:30`, `7/12/2026 14:30:05`,
 * `7.12.2026 14.30`, `07/12/2026 14:30:05,120`), ISO ones (`2026-12-07 14:30`), a date alone
 * (its midnight) or a time alone (on a reference day); plus the calendar key of a local day and
 * the short labels of timeline ticks. Pure functions.
 */
import { fromSiteInput } from './site-input.ts';
import { wallParts } from './site-time.ts';

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

const DATE_DMY = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;
const DATE_YMD = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const TIME = /^(\d{1,2})[:.](\d{2})(?:[:.](\d{2})(?:[.,](\d{1,3}))?)?$/;

/** The instant of a local date and time in `timeZone` (daylight saving as `fromSiteInput`). */
export function siteInstant(
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
  millisecond = 0,
  timeZone: string,
): number {
  const text = `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}.${pad(millisecond, 3)}`;
  return fromSiteInput(text, timeZone);
}

/**
 * Reads a date and time typed by an operator, in `timeZone` (see the file's comment); a time
 * alone is taken on the local day of `referenceMs`. NaN when it cannot be read or names no real
 * date or time (31/02, 24:00).
 */
export function parseSiteDateTime(text: string, timeZone: string, referenceMs?: number): number {
  const parts = text
    .trim()
    .replace('T', ' ')
    .split(/\s+/)
    .filter((s) => s !== '');
  if (parts.length === 0 || parts.length > 2) return NaN;
  let dateText: string | undefined = parts[0];
  let timeText: string | undefined = parts[1];
  if (parts.length === 1 && dateText !== undefined && TIME.test(dateText)) {
    timeText = dateText;
    dateText = undefined;
  }
  let year: number, month: number, day: number;
  if (dateText === undefined) {
    if (referenceMs === undefined) return NaN;
    ({ year, month, day } = wallParts(referenceMs, timeZone));
  } else {
    const dmy = DATE_DMY.exec(dateText);
    const ymd = DATE_YMD.exec(dateText);
    if (dmy) [day, month, year] = [Number(dmy[1]), Number(dmy[2]), Number(dmy[3])];
    else if (ymd) [year, month, day] = [Number(ymd[1]), Number(ymd[2]), Number(ymd[3])];
    else return NaN;
  }
  let hour = 0;
  let minute = 0;
  let second = 0;
  let millisecond = 0;
  if (timeText !== undefined) {
    const t = TIME.exec(timeText);
    if (!t) return NaN;
    hour = Number(t[1]);
    minute = Number(t[2]);
    second = Number(t[3] ?? 0);
    millisecond = Number((t[4] ?? '0').padEnd(3, '0'));
  }
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth) return NaN;
  if (hour > 23 || minute > 59 || second > 59) return NaN;
  return siteInstant(year, month, day, hour, minute, second, millisecond, timeZone);
}

/** `YYYY-MM-DD` of the local day of `ms` in `timeZone` (as the server writes recorded days). */
export function siteDayKey(ms: number, timeZone: string): string {
  const p = wallParts(ms, timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** A short label for a timeline tick at `ms` in `timeZone`, given the window's width. */
export function siteTickLabel(ms: number, widthMs: number, timeZone: string): string {
  const p = wallParts(ms, timeZone);
  const hm = `${pad(p.hour)}:${pad(p.minute)}`;
  if (widthMs > 2 * 86_400_000) return `${p.day}/${p.month} ${hm}`;
  if (widthMs > 10 * 60_000) return hm;
  return `${hm}:${pad(p.second)}`;
}
