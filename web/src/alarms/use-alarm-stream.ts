/**
 * Follows `GET /api/alarms/stream` (Server-Sent Events) and keeps the console's alarms by id: the
 * snapshot of open alarms, then every change (raised, cleared, acknowledged, assigned, commented,
 * closed). The browser's EventSource reconnects by itself after a drop, and the snapshot it gets
 * then replaces the open ones, so nothing is missed for long. `onRaised` hears each change.
 */
import { useEffect, useRef, useState } from 'react';
import type { Alarm } from './alarms-api.ts';
import { parseAlarm, withAlarms, withSnapshot, type AlarmMap } from './alarm-model.ts';

/** The change events the server sends. */
export const CHANGE_EVENTS = [
  'raised',
  'updated',
  'cleared',
  'acknowledged',
  'assigned',
  'commented',
  'closed',
] as const;

/** The alarms, whether the stream is connected, and a way to put in alarms fetched otherwise. */
export function useAlarmStream(onChange?: (type: string, alarm: Alarm) => void): {
  alarms: AlarmMap;
  connected: boolean;
  merge: (alarms: readonly Alarm[]) => void;
} {
  const [alarms, setAlarms] = useState<AlarmMap>(new Map());
  const [connected, setConnected] = useState(false);
  const listener = useRef(onChange);
  listener.current = onChange;

  useEffect(() => {
    const source = new EventSource('/api/alarms/stream');
    source.onopen = () => setConnected(true);
    source.onerror = () => setConnected(false);
    source.addEventListener('alarms', (e: MessageEvent<string>) => {
      const list = (JSON.parse(e.data) as unknown[]).map(parseAlarm);
      setAlarms((m) =>
        withSnapshot(
          m,
          list.filter((a): a is Alarm => a !== undefined),
        ),
      );
      setConnected(true);
    });
    for (const type of CHANGE_EVENTS) {
      source.addEventListener(type, (e: MessageEvent<string>) => {
        const alarm = parseAlarm(JSON.parse(e.data));
        if (!alarm) return;
        setAlarms((m) => withAlarms(m, [alarm]));
        listener.current?.(type, alarm);
      });
    }
    return () => source.close();
  }, []);

  return { alarms, connected, merge: (list) => setAlarms((m) => withAlarms(m, list)) };
}
