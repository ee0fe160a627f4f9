/**
 * Camera events (ONVIF motion, tamper, inputs) as data for the timeline (pure): the marks over one
 * bar — events of a kind closer than a few pixels become one mark (so a week of motion stays a
 * bounded number of buttons) that seeks to the first of them — and the events as entries of the
 * "recent events" strip.
 */
import type { PlaybackEvent } from './events-model.ts';
import type { CameraEventKind, CameraEventMark, CameraTimeline } from './playback-api.ts';
import { fractionOf, type TimeWindow } from './timeline-model.ts';

/** Marks of one kind closer than this fraction of the bar are joined. */
export const JOIN_FRACTION = 0.004;

/** One mark on a bar: one event, or several of a kind close together. */
export interface EventMark {
  kind: CameraEventKind;
  /** The first (earliest) event: its start is where a click seeks. */
  first: CameraEventMark;
  /** The last event's end (null while it holds). */
  toMs: number | null;
  /** How many events the mark stands for. */
  count: number;
  /** Position on the bar, fractions 0..1. */
  left: number;
  width: number;
}

/** The kinds, in the order their marks are drawn (later on top). */
export const EVENT_KINDS: readonly CameraEventKind[] = ['motion', 'input', 'tamper'];

/** The marks of a camera's events in the window, by kind, oldest first. */
export function eventMarks(
  events: readonly CameraEventMark[],
  w: TimeWindow,
  nowMs: number,
): EventMark[] {
  const out: EventMark[] = [];
  for (const kind of EVENT_KINDS) {
    const list = events
      .filter((e) => e.kind === kind && e.from < w.toMs && (e.to ?? nowMs) >= w.fromMs)
      .sort((a, b) => a.from - b.from);
    let cur: EventMark | null = null;
    for (const e of list) {
      const left = fractionOf(e.from, w);
      const right = fractionOf(e.to ?? nowMs, w);
      if (cur && left <= cur.left + cur.width + JOIN_FRACTION) {
        cur.width = Math.max(cur.width, right - cur.left);
        cur.count += 1;
        cur.toMs = e.to === null || cur.toMs === null ? null : Math.max(cur.toMs, e.to);
        continue;
      }
      cur = { kind, first: e, toMs: e.to, count: 1, left, width: Math.max(0, right - left) };
      out.push(cur);
    }
  }
  return out;
}

/** The camera events of the timelines as strip entries (each jumps to the event's start). */
export function cameraEventEntries(
  timelines: readonly CameraTimeline[],
  title: (e: CameraEventMark) => string,
): PlaybackEvent[] {
  return timelines.flatMap((tl) =>
    (tl.events ?? []).map((e) => ({
      key: `camera-event:${e.id}`,
      kind: 'camera-event' as const,
      eventKind: e.kind,
      cameraId: tl.id,
      fromMs: e.from,
      toMs: e.to,
      title: title(e),
      jumpMs: e.from,
      ref: e.id,
    })),
  );
}
