/**
 * The "recent events" strip and the tile's gap notice, as data: the gaps of the chosen cameras
 * (with their causes), and any other events a caller adds (bookmarks, alarms), newest first; and
 * which gap, if any, covers an instant on one camera.
 */
import type { CameraTimeline, TimelineGap } from './playback-api.ts';

/**
 * What kind of thing happened. Bookmarks and alarms come from their own modules; camera events
 * (motion, tamper, inputs) from the timeline (`camera-events-model.ts`).
 */
export type PlaybackEventKind = 'gap' | 'bookmark' | 'alarm' | 'camera-event';

/** One entry of the strip: something on a camera at a time, to jump to. */
export interface PlaybackEvent {
  /** Stable key (for lists). */
  key: string;
  kind: PlaybackEventKind;
  cameraId: string;
  /** Every camera the event concerns, when more than one (a bookmark on several). */
  cameraIds?: readonly string[];
  fromMs: number;
  /** End of the event, for ranges (gaps, range bookmarks). */
  toMs: number | null;
  /** For a gap: its cause (`offline`, `disk`, …, `unrecorded`). */
  cause?: string;
  /** For a camera event: `motion`, `tamper` or `input`. */
  eventKind?: string;
  /** For an alarm: its kind (`camera_motion`, `camera_offline`, …). */
  alarmKind?: string;
  /** A short title (bookmarks), shown as given. */
  title?: string;
  /** Where the player goes when the event is chosen. */
  jumpMs: number;
  /** The id of the thing the event comes from (a bookmark's id). */
  ref?: string;
}

/** How far before a gap the player goes: the footage that led up to it. */
export const BEFORE_GAP_MS = 5_000;

/** The gaps of the timelines as events. */
export function gapEvents(timelines: readonly CameraTimeline[]): PlaybackEvent[] {
  return timelines.flatMap((tl) =>
    tl.gaps.map((g) => ({
      key: `gap:${tl.id}:${g.from}`,
      kind: 'gap' as const,
      cameraId: tl.id,
      fromMs: g.from,
      toMs: g.open ? null : g.to,
      cause: g.cause,
      jumpMs: g.from - BEFORE_GAP_MS,
    })),
  );
}

/** The alarm a camera event raises when it is configured as one (`compose/onvif-events.ts`). */
const ALARM_OF_EVENT: Readonly<Record<string, string>> = {
  motion: 'camera_motion',
  tamper: 'camera_tamper',
  input: 'camera_input',
};

/** How far apart a camera event and its alarm may start and still be one thing. */
const SAME_EVENT_MS = 1_000;

/**
 * Whether `e` is a camera event that one of `alarms` already stands for (the alarm it raised):
 * the strip then shows the alarm only, which also leads to the console.
 */
function hasItsAlarm(e: PlaybackEvent, alarms: readonly PlaybackEvent[]): boolean {
  if (e.kind !== 'camera-event' || e.eventKind === undefined) return false;
  const kind = ALARM_OF_EVENT[e.eventKind];
  return alarms.some(
    (a) =>
      a.alarmKind === kind &&
      (a.cameraIds ?? [a.cameraId]).includes(e.cameraId) &&
      Math.abs(a.fromMs - e.fromMs) <= SAME_EVENT_MS,
  );
}

/** Every event, newest first, at most `limit`; a camera event shown by its alarm appears once. */
export function recentEvents(
  timelines: readonly CameraTimeline[],
  extra: readonly PlaybackEvent[] = [],
  limit = 20,
): PlaybackEvent[] {
  const alarms = extra.filter((e) => e.kind === 'alarm');
  return [...gapEvents(timelines), ...extra.filter((e) => !hasItsAlarm(e, alarms))]
    .sort((a, b) => b.fromMs - a.fromMs || a.cameraId.localeCompare(b.cameraId))
    .slice(0, limit);
}

/** The gap of `timeline` that covers `ms`, if any. */
export function gapAt(timeline: CameraTimeline | undefined, ms: number): TimelineGap | undefined {
  return timeline?.gaps.find((g) => g.from <= ms && ms < g.to);
}
