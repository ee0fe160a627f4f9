/**
 * Follows `GET /api/alarms/stream` (Server-Sent Events) and keeps the panel's state; the browser's
 * EventSource reconnects by itself after a drop, and the snapshot it gets then replaces the active
 * list, so nothing is missed for long.
 */
import { useEffect, useState } from 'react';
import {
  EMPTY_ALARMS,
  parseAlarm,
  withChange,
  withSnapshot,
  type Alarm,
  type AlarmState,
} from './alarm-model.ts';

/** The alarms, and whether the stream is connected. */
export function useAlarmStream(): { alarms: AlarmState; connected: boolean } {
  const [alarms, setAlarms] = useState<AlarmState>(EMPTY_ALARMS);
  const [connected, setConnected] = useState(false);

  useEffect(() => {
    const source = new EventSource('/api/alarms/stream');
    source.onopen = () => setConnected(true);
    source.onerror = () => setConnected(false);
    source.addEventListener('alarms', (e: MessageEvent<string>) => {
      const list = (JSON.parse(e.data) as unknown[]).map(parseAlarm);
      setAlarms((s) =>
        withSnapshot(
          s,
          list.filter((a): a is Alarm => a !== undefined),
        ),
      );
      setConnected(true);
    });
    for (const type of ['raised', 'cleared'] as const) {
      source.addEventListener(type, (e: MessageEvent<string>) => {
        const alarm = parseAlarm(JSON.parse(e.data));
        if (alarm) setAlarms((s) => withChange(s, type, alarm, Date.now()));
      });
    }
    return () => source.close();
  }, []);

  return { alarms, connected };
}
