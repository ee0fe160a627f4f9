/**
 * Instants as the package shows them: UTC ISO 8601 and the installation's local time with its
 * offset (e.g. `2026-03-01T11:00:00.000+01:00` for Europe/Rome), so a reader never converts.
 */
import type { Instant } from './package-format.ts';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Local ISO 8601 with offset, millisecond precision. */
export function localIso(ms: number, timeZone: string): string {
  const whole = Math.floor(ms);
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(whole))) parts[p.type] = p.value;
  const wall = Date.UTC(
    Number(parts['year']),
    Number(parts['month']) - 1,
    Number(parts['day']),
    Number(parts['hour']),
    Number(parts['minute']),
    Number(parts['second']),
  );
  const offsetMin = Math.round((wall - (whole - (((whole % 1000) + 1000) % 1000))) / 60_000);
  const sign = offsetMin < 0 ? '-' : '+';
  const abs = Math.abs(offsetMin);
  const off = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  const msPart = String(((whole % 1000) + 1000) % 1000).padStart(3, '0');
  return `${parts['year']}-${parts['month']}-${parts['day']}T${parts['hour']}:${parts['minute']}:${parts['second']}.${msPart}${off}`;
}

/** An instant in both forms. */
export function instantOf(ms: number, timeZone: string): Instant {
  const whole = Math.round(ms);
  return { utc: new Date(whole).toISOString(), local: localIso(whole, timeZone), ms: whole };
}

/** Throws a RangeError unless `timeZone` is an IANA zone this runtime knows. */
export function checkTimeZone(timeZone: string): void {
  formatter(timeZone);
}
