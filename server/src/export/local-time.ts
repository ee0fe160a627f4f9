/**
 * Instants as the package shows them: UTC ISO 8601 and the installation's local time with its
 * offset (e.g. `2026-03-01T11:00:00.000+01:00` for Europe/Rome), so a reader never converts.
 */
import { localParts, offsetMs } from '../app/index.ts';
import type { Instant } from './package-format.ts';

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** Local ISO 8601 with offset, millisecond precision. */
export function localIso(ms: number, timeZone: string): string {
  const whole = Math.floor(ms);
  const l = localParts(whole, timeZone);
  const offsetMin = Math.round(offsetMs(whole, timeZone, l) / 60_000);
  const sign = offsetMin < 0 ? '-' : '+';
  const abs = Math.abs(offsetMin);
  const off = `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  const msPart = pad(((whole % 1000) + 1000) % 1000, 3);
  return `${pad(l.year, 4)}-${pad(l.month)}-${pad(l.day)}T${pad(l.hour)}:${pad(l.minute)}:${pad(l.second)}.${msPart}${off}`;
}

/** An instant in both forms. */
export function instantOf(ms: number, timeZone: string): Instant {
  const whole = Math.round(ms);
  return { utc: new Date(whole).toISOString(), local: localIso(whole, timeZone), ms: whole };
}

