/**
 * Instants as an Italian operator reads and types them, on the site's wall clock (Europe/Rome),
 * whatever the test machine's or the browser's time zone: for browser tests that type times
 * into the recordings page, the export panel or a `datetime-local` field.
 */

/** The site's time zone in the demo city. */
export const ROME = 'Europe/Rome';

/** The parts of an instant on the site's wall clock (two-digit fields, 24-hour). */
export function romeParts(ms: number): Record<string, string> {
  const f = new Intl.DateTimeFormat('en-US', {
    timeZone: ROME,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  return Object.fromEntries(f.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
}

/** `7/12/2026 14:30:05` (with `,123` milliseconds when `withMs`) as an operator types it. */
export function italian(ms: number, withMs = false): string {
  const p = romeParts(ms);
  const text = `${Number(p['day'])}/${Number(p['month'])}/${p['year']} ${p['hour']}:${p['minute']}:${p['second']}`;
  return withMs ? `${text},${String(((ms % 1000) + 1000) % 1000).padStart(3, '0')}` : text;
}
