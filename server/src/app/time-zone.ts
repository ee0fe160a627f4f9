/**
 * Local calendar windows in the installation's time zone (`site.timeZone`, IANA name such as
 * `Europe/Rome`): "today" and "this hour" as an operator means them, not as UTC does. A local day
 * is 23, 24 or 25 hours long (daylight saving time); its bounds are the instants of local
 * midnight, found with `Intl` so that no time-zone table is kept here.
 */

/** The time zone when none is configured (the reference installation is in Italy). */
export const DEFAULT_TIME_ZONE = 'Europe/Rome';

/** A half-open window of UTC instants, ms. */
export interface Window {
  startMs: number;
  endMs: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
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

/** True when `timeZone` is an IANA time zone this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** What `localParts` returns. */
export type LocalParts = ReturnType<typeof localParts>;

/** The local date and time of an instant (whole seconds), as numbers (month 1–12). */
export function localParts(ms: number, timeZone: string) {
  const p: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(ms))) {
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  }
  return {
    year: p['year'] ?? 1970,
    month: p['month'] ?? 1,
    day: p['day'] ?? 1,
    hour: p['hour'] ?? 0,
    minute: p['minute'] ?? 0,
    second: p['second'] ?? 0,
  };
}

/** Local time minus UTC at an instant, ms (whole seconds); `l` when its local parts are known. */
export function offsetMs(
  ms: number,
  timeZone: string,
  l: LocalParts = localParts(ms, timeZone),
): number {
  const asUtc = Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, l.second);
  return asUtc - (ms - (((ms % 1000) + 1000) % 1000));
}

/** The instant of local midnight starting the local date `y-m-d` (m 1–12, overflow allowed). */
function localMidnight(y: number, m: number, d: number, timeZone: string): number {
  const naive = Date.UTC(y, m - 1, d);
  // Two passes: the offset at the guess can differ from the offset at the answer near a change.
  let guess = naive - offsetMs(naive, timeZone);
  guess = naive - offsetMs(guess, timeZone);
  return guess;
}

/** The local calendar day containing `nowMs`. */
export function localDay(nowMs: number, timeZone: string): Window {
  const l = localParts(nowMs, timeZone);
  return {
    startMs: localMidnight(l.year, l.month, l.day, timeZone),
    endMs: localMidnight(l.year, l.month, l.day + 1, timeZone),
  };
}

/** The local clock hour containing `nowMs` (the same as the UTC hour in whole-hour zones). */
export function localHour(nowMs: number, timeZone: string): Window {
  const l = localParts(nowMs, timeZone);
  const startMs = Math.floor(nowMs / 1000) * 1000 - (l.minute * 60 + l.second) * 1000;
  return { startMs, endMs: startMs + 3_600_000 };
}
