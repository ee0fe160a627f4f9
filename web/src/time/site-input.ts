/**
 * `<input type="datetime-local">` values read and written in the site's time zone, so a time
 * typed on a browser set to another zone still means the site's wall clock. Pure functions.
 */
import { siteClock, wallParts } from './site-time.ts';

/** `YYYY-MM-DDTHH:MM:SS.mmm` (or `YYYY-MM-DDTHH:MM` with `minutes`) in `timeZone`. */
export function toSiteInput(ms: number, timeZone: string, precision: 'ms' | 'minutes' = 'ms') {
  const text = siteClock(ms, timeZone).replace(' ', 'T');
  return precision === 'minutes' ? text.slice(0, 16) : text;
}

/** How far `timeZone` is ahead of UTC at `ms`, in ms. */
function offsetAt(ms: number, timeZone: string): number {
  const p = wallParts(ms, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, p.millisecond);
  return asUtc - Math.round(ms);
}

/**
 * UTC ms for a `datetime-local` value read as a wall-clock time in `timeZone`; NaN when empty or
 * malformed. A time skipped by a spring-forward change is taken one hour later; a time repeated
 * at fall-back is the first of the two.
 */
export function fromSiteInput(value: string, timeZone: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/.exec(value);
  if (!m) return NaN;
  const [, y, mo, d, h, mi, s, frac] = m;
  const naive = Date.UTC(
    Number(y),
    Number(mo) - 1,
    Number(d),
    Number(h),
    Number(mi),
    Number(s ?? 0),
    Number((frac ?? '0').padEnd(3, '0')),
  );
  if (Number.isNaN(naive)) return NaN;
  // The offsets a day before and a day after: one of them (or both) is the offset at the answer.
  const day = 86_400_000;
  const candidates = [
    naive - offsetAt(naive - day, timeZone),
    naive - offsetAt(naive + day, timeZone),
  ];
  const valid = candidates.filter((t) => t + offsetAt(t, timeZone) === naive);
  // None valid: the time falls in a spring-forward gap; the offset before the change puts it an
  // hour later. Both valid: the time is repeated at fall-back; the earlier instant is taken.
  return valid.length === 0 ? (candidates[0] ?? NaN) : Math.min(...valid);
}
