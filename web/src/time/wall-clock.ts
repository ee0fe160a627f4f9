/** How the page writes recorded wall-clock times: local time with milliseconds, and UTC. */

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** `YYYY-MM-DD HH:MM:SS.mmm` in the browser's local time zone. */
export function localClock(ms: number): string {
  const d = new Date(Math.round(ms));
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/** `HH:MM:SS.mmm UTC`. */
export function utcClock(ms: number): string {
  return `${new Date(Math.round(ms)).toISOString().slice(11, 23)} UTC`;
}

/** A value for `<input type="datetime-local" step="0.001">` in local time. */
export function toLocalInput(ms: number): string {
  return localClock(ms).replace(' ', 'T');
}

/** Parses a `datetime-local` value (local time); NaN when empty or malformed. */
export function fromLocalInput(value: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/.exec(value);
  if (!m) return NaN;
  const [, y, mo, d, h, mi, s, ms] = m;
  return new Date(
    Number(y),
    Number(mo) - 1,
    Number(d),
    Number(h),
    Number(mi),
    Number(s ?? 0),
    Number((ms ?? '0').padEnd(3, '0')),
  ).getTime();
}

/** A short label for a tick at `ms` given the window width. */
export function tickLabel(ms: number, widthMs: number): string {
  const c = localClock(ms);
  if (widthMs > 2 * 86_400_000) return c.slice(5, 16).replace(' ', ' ');
  if (widthMs > 10 * 60_000) return c.slice(11, 16);
  return c.slice(11, 19);
}
