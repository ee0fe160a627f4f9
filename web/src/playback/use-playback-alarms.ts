/**
 * The alarms of the played cameras in the timeline's window, as events of the "recent events"
 * strip (camera offline, recording gap, operators' reports…), each jumping to the alarm's moment.
 * Asked only for cameras the user may see alarms of (`live.view` or `alarm.handle`), so the page
 * never causes a refusal in the audit trail; a failure leaves the strip without alarms. Asked
 * again when the window moves and whenever the alarm stream says an alarm changed, so a report
 * made while the page is open appears in the strip without moving the timeline.
 */
import { useEffect, useState } from 'react';
import { alarmTitle, listAlarms, useAlarmChanges, type Alarm } from '../alarms/index.ts';
import type { Camera } from '../api/index.ts';
import { useI18n } from '../i18n/index.ts';
import type { PlaybackEvent } from './events-model.ts';

/** Permissions that let a user see a camera's alarms (as the server's alarm console decides). */
const ALARM_READ = ['live.view', 'alarm.handle'];

/** The window is asked again only when it moves by more than this. */
const WINDOW_STEP_MS = 60_000;

/** The cameras among `ids` whose alarms the user may see. */
export function alarmReadable(cameras: readonly Camera[], ids: readonly string[]): string[] {
  return ids.filter((id) =>
    cameras.some(
      (c) => c.id === id && (c.callerPermissions ?? []).some((p) => ALARM_READ.includes(p)),
    ),
  );
}

/** Alarms as strip events, on the played cameras only. */
export function alarmEvents(
  alarms: readonly Alarm[],
  cameraIds: readonly string[],
  title: (a: Alarm) => string,
): PlaybackEvent[] {
  return alarms.flatMap((a) => {
    const on = a.cameraIds.filter((id) => cameraIds.includes(id));
    const first = on[0];
    if (first === undefined) return [];
    return [
      {
        key: `alarm:${a.id}`,
        kind: 'alarm' as const,
        alarmKind: a.kind,
        cameraId: first,
        ...(on.length > 1 ? { cameraIds: on } : {}),
        fromMs: a.eventMs,
        toMs: a.clearedMs,
        title: title(a),
        jumpMs: a.eventMs,
        ref: a.id,
      },
    ];
  });
}

/**
 * The strip events of the alarms of `cameraIds` within `fromMs`–`toMs`, and whether changes are
 * followed live (the alarm stream is connected).
 */
export function usePlaybackAlarms(
  cameras: readonly Camera[],
  cameraIds: readonly string[],
  fromMs: number,
  toMs: number,
): { events: PlaybackEvent[]; live: boolean } {
  const { t } = useI18n();
  const [alarms, setAlarms] = useState<Alarm[]>([]);
  const readable = alarmReadable(cameras, cameraIds);
  const key = readable.join(',');
  const from = Math.floor(fromMs / WINDOW_STEP_MS) * WINDOW_STEP_MS;
  const to = Math.ceil(toMs / WINDOW_STEP_MS) * WINDOW_STEP_MS;
  const { revision, connected } = useAlarmChanges(key !== '');
  useEffect(() => {
    if (key === '') {
      setAlarms([]);
      return;
    }
    const abort = new AbortController();
    listAlarms(
      { state: 'all', cameraIds: key.split(','), fromMs: from, toMs: to },
      abort.signal,
    ).then(setAlarms, () => {
      if (!abort.signal.aborted) setAlarms([]);
    });
    return () => abort.abort();
  }, [key, from, to, revision]);
  return { events: alarmEvents(alarms, readable, (a) => alarmTitle(t, a)), live: connected };
}
