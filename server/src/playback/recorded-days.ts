/**
 * The days of a month on which cameras recorded, as the site's calendar counts them (local days
 * in `site.timeZone`, 23 to 25 hours long): what the recordings page's calendar marks. Read from
 * the span index, so a month costs no segment scan; bounded by the caller's look-back.
 */
import { invalidArgument, localDay } from '../app/index.ts';
import { authorize, type Principal } from '../permissions/index.ts';
import type { Span } from './intervals.ts';
import type { TimelineIndex } from './timeline-index.ts';

/** Most cameras in one request (as for the timeline). */
export const MAX_DAY_CAMERAS = 500;

/** A local day: its date (`YYYY-MM-DD`) and its instants `[startMs, endMs)`. */
export interface LocalDay {
  date: string;
  startMs: number;
  endMs: number;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** The local days of `month` (`YYYY-MM`) in `timeZone`; invalid_argument for a bad month. */
export function daysOfMonth(month: string, timeZone: string): LocalDay[] {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  const year = Number(m?.[1]);
  const mon = Number(m?.[2]);
  if (!m || mon < 1 || mon > 12) throw invalidArgument('month: must be YYYY-MM');
  const out: LocalDay[] = [];
  const count = new Date(Date.UTC(year, mon, 0)).getUTCDate();
  for (let d = 1; d <= count; d++) {
    // Noon UTC falls on the same date in every zone within ±11 hours; the window is the local day.
    const w = localDay(Date.UTC(year, mon - 1, d, 12), timeZone);
    out.push({ date: `${year}-${pad(mon)}-${pad(d)}`, startMs: w.startMs, endMs: w.endMs });
  }
  return out;
}

/** The dates of `days` that any of the span lists touches. */
export function daysWithSpans(
  days: readonly LocalDay[],
  spans: Iterable<readonly Span[]>,
): string[] {
  const lists = [...spans];
  return days
    .filter((day) => lists.some((list) => list.some(([a, b]) => a < day.endMs && b > day.startMs)))
    .map((day) => day.date);
}

/** What `recordedDays` reads. */
export interface RecordedDaysSource {
  index: Pick<TimelineIndex, 'spans'>;
  timeZone: string;
}

/**
 * The dates of `month` on which any of `cameraIds` recorded. Each camera needs `playback.view`
 * (a refusal throws `AccessDenied`, audited by the HTTP layer like the timeline's); the month's
 * start is moved up to the principal's look-back limit.
 */
export async function recordedDays(
  source: RecordedDaysSource,
  principal: Principal,
  cameraIds: readonly string[],
  month: string,
): Promise<string[]> {
  const ids = [...new Set(cameraIds)];
  if (ids.length === 0) throw invalidArgument('cameras: at least one camera is required');
  if (ids.length > MAX_DAY_CAMERAS) throw invalidArgument(`cameras: at most ${MAX_DAY_CAMERAS}`);
  const days = daysOfMonth(month, source.timeZone);
  const first = days[0];
  const last = days[days.length - 1];
  if (!first || !last) return [];
  const lookback = principal.access.playbackLookbackMs;
  const fromMs =
    lookback === null ? first.startMs : Math.max(first.startMs, principal.access.atMs - lookback);
  const toMs = last.endMs;
  for (const id of ids)
    authorize(principal, 'playback.view', {
      kind: 'camera',
      id,
      fromMs: Math.min(fromMs, toMs - 1),
    });
  if (fromMs >= toMs) return [];
  const spans = await source.index.spans(ids, fromMs, toMs);
  const clipped = [...spans.values()].map((list) =>
    list.map(([a, b]): Span => [Math.max(a, fromMs), Math.min(b, toMs)]).filter(([a, b]) => b > a),
  );
  return daysWithSpans(days, clipped);
}
