/**
 * A live tile's clock in React: `onFrame` takes each presented frame's timing (give it to
 * `LiveVideo`), and `reading` is refreshed once a second from the last one (`clockReading`).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  clockReading,
  lastCaptureOf,
  type ClockReading,
  type LastCapture,
} from './camera-clock.ts';
import type { FrameTiming } from './player-state.ts';

/** How often the shown time changes, ms. */
const TICK_MS = 1000;

/** The clock of one tile. */
export function useCameraClock(): {
  onFrame: (timing: FrameTiming) => void;
  reading: ClockReading;
} {
  const last = useRef<LastCapture | undefined>(undefined);
  const [reading, setReading] = useState<ClockReading>(() => clockReading(undefined, Date.now()));
  const onFrame = useCallback((timing: FrameTiming) => {
    last.current = lastCaptureOf(timing);
  }, []);
  useEffect(() => {
    const timer = setInterval(() => setReading(clockReading(last.current, Date.now())), TICK_MS);
    return () => clearInterval(timer);
  }, []);
  return { onFrame, reading };
}
