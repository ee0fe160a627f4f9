/**
 * The month grid of the "find the moment" calendar: weeks from Monday (as in Italy), each day
 * with its `YYYY-MM-DD` key (the key the server uses for days with recordings), and stepping
 * from month to month. Pure; the days themselves are the site's local days.
 */

/** A month, 1-based. */
export interface Month {
  year: number;
  month: number;
}

/** A cell of the grid: a day of the month, or null for padding. */
export type CalendarCell = { day: number; key: string } | null;

const pad = (n: number): string => String(n).padStart(2, '0');

/** `YYYY-MM` of a month (the server's `month` parameter). */
export function monthKey(m: Month): string {
  return `${m.year}-${pad(m.month)}`;
}

/** The month `delta` months after `m`. */
export function addMonths(m: Month, delta: number): Month {
  const i = m.year * 12 + (m.month - 1) + delta;
  return { year: Math.floor(i / 12), month: (i % 12) + 1 };
}

/** The weeks of the month, Monday first, padded with nulls to whole weeks. */
export function monthGrid(m: Month): CalendarCell[][] {
  const first = new Date(Date.UTC(m.year, m.month - 1, 1)).getUTCDay(); // 0 = Sunday
  const lead = (first + 6) % 7;
  const count = new Date(Date.UTC(m.year, m.month, 0)).getUTCDate();
  const cells: CalendarCell[] = Array.from({ length: lead }, () => null);
  for (let d = 1; d <= count; d++) cells.push({ day: d, key: `${monthKey(m)}-${pad(d)}` });
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: CalendarCell[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}
