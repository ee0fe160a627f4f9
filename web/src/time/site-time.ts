/**
 * Instants written in the site's time zone (`site.timeZone` of the server, Europe/Rome by
 * default), whatever the browser's own zone and locale: `7/12/2026 15:27:04` (day/month/year,
 * 24-hour clock), and the wall-clock parts behind it. Pure functions.
 */

/** The zone used until the server has said which one the site uses. */
export const DEFAULT_SITE_TIME_ZONE = 'Europe/Rome';

/** The wall-clock reading of an instant in a time zone. */
export interface WallParts {
  year: number;
  /** 1..12. */
  month: number;
  /** 1..31. */
  day: number;
  /** 0..23. */
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterOf(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when the runtime knows `timeZone` (an IANA name such as `Europe/Rome`). */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatterOf(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock parts of `ms` (UTC milliseconds) in `timeZone`. */
export function wallParts(ms: number, timeZone: string): WallParts {
  const rounded = Math.round(ms);
  const parts: Record<string, number> = {};
  for (const p of formatterOf(timeZone).formatToParts(new Date(rounded))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts['year'] ?? 0,
    month: parts['month'] ?? 1,
    day: parts['day'] ?? 1,
    hour: (parts['hour'] ?? 0) % 24,
    minute: parts['minute'] ?? 0,
    second: parts['second'] ?? 0,
    millisecond: ((rounded % 1000) + 1000) % 1000,
  };
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** `7/12/2026` (day/month/year) in `timeZone`. */
export function formatSiteDate(ms: number, timeZone: string): string {
  const p = wallParts(ms, timeZone);
  return `${p.day}/${p.month}/${p.year}`;
}

/** `15:27:04` in `timeZone`. */
export function formatSiteTime(ms: number, timeZone: string): string {
  const p = wallParts(ms, timeZone);
  return `${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
}

/** `7/12/2026 15:27:04` in `timeZone`. */
export function formatSiteDateTime(ms: number, timeZone: string): string {
  return `${formatSiteDate(ms, timeZone)} ${formatSiteTime(ms, timeZone)}`;
}

/** `2026-12-07 15:27:04.123` in `timeZone`: sortable, with milliseconds (evidence times). */
export function siteClock(ms: number, timeZone: string): string {
  const p = wallParts(ms, timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}.${pad(p.millisecond, 3)}`;
}
