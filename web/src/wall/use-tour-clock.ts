/**
 * Seconds since the view's tours started, ticking once a second while a tour runs (none
 * otherwise); restarted when the view changes. The wall turns it into each tile's camera
 * (`camerasAt`).
 */
import { useEffect, useState } from 'react';

/** Seconds elapsed since `resetKey` last changed, while `running`. */
export function useTourClock(running: boolean, resetKey: string): number {
  const [elapsed, setElapsed] = useState(0);
  useEffect(() => {
    setElapsed(0);
    if (!running) return;
    const timer = window.setInterval(() => setElapsed((s) => s + 1), 1000);
    return () => window.clearInterval(timer);
  }, [running, resetKey]);
  return elapsed;
}
