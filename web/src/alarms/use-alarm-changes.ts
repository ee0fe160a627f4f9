/**
 * A counter that grows whenever an alarm the user may see changes (raised, cleared, acknowledged,
 * commented…) or the alarm stream (re)connects, for pages that show alarms among other things
 * and ask for them again when it moves (the recordings page's events strip). Opens
 * `GET /api/alarms/stream` only while `enabled`, so a user who may see no alarm never causes a
 * refusal in the audit trail.
 */
import { useEffect, useState } from 'react';
import { CHANGE_EVENTS } from './use-alarm-stream.ts';

/** The revision of the alarms the user may see, and whether the stream is connected. */
export function useAlarmChanges(enabled: boolean): { revision: number; connected: boolean } {
  const [revision, setRevision] = useState(0);
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    if (!enabled) {
      setConnected(false);
      return;
    }
    const source = new EventSource('/api/alarms/stream');
    const bump = (): void => setRevision((r) => r + 1);
    source.onerror = () => setConnected(false);
    // The snapshot comes first on every (re)connection: what changed meanwhile is asked again.
    source.addEventListener('alarms', () => {
      setConnected(true);
      bump();
    });
    for (const type of CHANGE_EVENTS) source.addEventListener(type, bump);
    return () => {
      source.close();
      setConnected(false);
    };
  }, [enabled]);
  return { revision, connected };
}
