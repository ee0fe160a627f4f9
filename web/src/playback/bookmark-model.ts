/**
 * Bookmarks on the recordings page, as data: where each one is drawn on a camera's bar (a marker
 * for an instant, a band for a range, overlapping bands on separate lanes), the recent-events
 * entries they make, a range selected on the timeline, the range an export of one starts from,
 * and the text of a legal-hold request for one. Pure functions.
 */
import type { Bookmark } from '../bookmarks/index.ts';
import type { PlaybackEvent } from './events-model.ts';
import { fractionOf, type TimeWindow } from './timeline-model.ts';

/** A bookmark drawn on one camera's bar. */
export interface BookmarkMark {
  bookmark: Bookmark;
  kind: 'instant' | 'range';
  /** The instant, or the range's visible start, as a fraction of the bar (0..1). */
  left: number;
  /** The range's visible width as a fraction of the bar (0 for an instant). */
  width: number;
  /** The band's lane, 0 at the top (instants are always on lane 0). */
  lane: number;
}

/** Lanes of bands on one bar; more overlapping ranges share the last one. */
export const BOOKMARK_LANES = 2;
/** The narrowest band drawn (a fraction of the bar), so a short range stays visible. */
export const MIN_BAND = 0.006;

/**
 * The bookmarks of `cameraId` visible in the window, left to right: instants inside it, and
 * ranges overlapping it clipped to its edges, each range on the first lane free at its start.
 */
export function bookmarkMarks(
  bookmarks: readonly Bookmark[],
  cameraId: string,
  w: TimeWindow,
): BookmarkMark[] {
  const mine = bookmarks
    .filter((b) => b.cameraIds.includes(cameraId))
    .filter((b) =>
      b.toMs > b.fromMs
        ? b.toMs > w.fromMs && b.fromMs < w.toMs
        : b.fromMs >= w.fromMs && b.fromMs <= w.toMs,
    )
    .sort((a, b) => a.fromMs - b.fromMs || a.toMs - b.toMs || a.id.localeCompare(b.id));
  const laneEnds: number[] = [];
  return mine.map((b) => {
    const left = fractionOf(b.fromMs, w);
    if (b.toMs <= b.fromMs) return { bookmark: b, kind: 'instant', left, width: 0, lane: 0 };
    const width = Math.max(fractionOf(b.toMs, w) - left, MIN_BAND);
    let lane = laneEnds.findIndex((end) => end <= left);
    if (lane < 0) lane = Math.min(laneEnds.length, BOOKMARK_LANES - 1);
    laneEnds[lane] = Math.max(laneEnds[lane] ?? 0, left + width);
    return { bookmark: b, kind: 'range', left, width, lane };
  });
}

/**
 * The bookmarks as recent events: one per bookmark (not per camera), placed on the first of its
 * cameras that is shown; choosing one goes to its start.
 */
export function bookmarkEvents(
  bookmarks: readonly Bookmark[],
  shown: readonly string[],
): PlaybackEvent[] {
  return bookmarks.map((b) => ({
    key: `bookmark:${b.id}`,
    kind: 'bookmark' as const,
    cameraId: b.cameraIds.find((id) => shown.includes(id)) ?? b.cameraIds[0] ?? '',
    cameraIds: b.cameraIds,
    fromMs: b.fromMs,
    toMs: b.toMs > b.fromMs ? b.toMs : null,
    title: b.title,
    jumpMs: b.fromMs,
    ref: b.id,
  }));
}

/** A range being selected on the timeline: its start, and its end once marked. */
export interface Selection {
  fromMs: number;
  toMs: number | null;
}

/** "Start of selection" at `ms`: keeps a marked end only if it still lies after the start. */
export function markSelectionStart(sel: Selection | null, ms: number): Selection {
  const end = sel?.toMs ?? null;
  return { fromMs: ms, toMs: end !== null && end > ms ? end : null };
}

/**
 * "End of selection" at `ms`: completes the selection (start and end swapped if the end is the
 * earlier); without a start, it starts the selection there.
 */
export function markSelectionEnd(sel: Selection | null, ms: number): Selection {
  if (!sel || ms === sel.fromMs) return { fromMs: ms, toMs: null };
  return ms > sel.fromMs ? { fromMs: sel.fromMs, toMs: ms } : { fromMs: ms, toMs: sel.fromMs };
}

/** The selected range once both ends are marked. */
export function selectedRange(sel: Selection | null): { fromMs: number; toMs: number } | null {
  return sel && sel.toMs !== null && sel.toMs > sel.fromMs
    ? { fromMs: sel.fromMs, toMs: sel.toMs }
    : null;
}

/** A drag on the bar from `a` to `b` as a selection, or null when it is shorter than `minMs`. */
export function dragSelection(a: number, b: number, minMs: number): Selection | null {
  return Math.abs(b - a) < minMs ? null : { fromMs: Math.min(a, b), toMs: Math.max(a, b) };
}

/** How much an export of an instant bookmark takes on each side of it. */
export const INSTANT_EXPORT_MARGIN_MS = 30_000;

/** The range an export of the bookmark starts from: its range, or a minute around an instant. */
export function exportRangeOf(b: Pick<Bookmark, 'fromMs' | 'toMs'>): {
  fromMs: number;
  toMs: number;
} {
  return b.toMs > b.fromMs
    ? { fromMs: b.fromMs, toMs: b.toMs }
    : { fromMs: b.fromMs - INSTANT_EXPORT_MARGIN_MS, toMs: b.fromMs + INSTANT_EXPORT_MARGIN_MS };
}

/** The words and formats a legal-hold request is written with. */
export interface HoldRequestWords {
  heading: string;
  cameras: string;
  from: string;
  to: string;
  /** Heads the line of an instant bookmark. */
  at: string;
  caseReference: string;
  title: string;
  note: string;
  link: string;
  notice: string;
  /** Camera names by id. */
  names: ReadonlyMap<string, string>;
  /** An instant in the site's time zone, e.g. `7/12/2026 15:27:04`. */
  dateTime: (ms: number) => string;
  /** The site's time zone, named after local times. */
  timeZone: string;
}

/**
 * The details a legal hold needs, as plain text to paste into the request to whoever places
 * holds: cameras (name and id), the range (or the instant) in the site's time and in UTC, the case
 * reference, the bookmark's title and note, and the address of the moment in the recordings.
 */
export function holdRequestText(
  b: Pick<Bookmark, 'cameraIds' | 'fromMs' | 'toMs' | 'title' | 'note' | 'caseReference'>,
  w: HoldRequestWords,
  url: string,
): string {
  const at = (ms: number) =>
    `${w.dateTime(ms)} (${w.timeZone}) · ${new Date(ms).toISOString()} UTC`;
  const lines = [
    w.heading,
    `${w.cameras}: ${b.cameraIds.map((id) => `${w.names.get(id) ?? id} (${id})`).join(', ')}`,
    ...(b.toMs > b.fromMs
      ? [`${w.from}: ${at(b.fromMs)}`, `${w.to}: ${at(b.toMs)}`]
      : [`${w.at}: ${at(b.fromMs)}`]),
    `${w.caseReference}: ${b.caseReference ?? '—'}`,
    `${w.title}: ${b.title}`,
    ...(b.note.trim() === '' ? [] : [`${w.note}: ${b.note.trim()}`]),
    `${w.link}: ${url}`,
    '',
    w.notice,
  ];
  return lines.join('\n');
}
