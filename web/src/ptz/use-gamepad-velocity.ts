/**
 * A USB joystick or gamepad through the browser's Gamepad API: while `active`, the first
 * connected pad is read every animation frame and its velocity handed to `onChange` whenever it
 * changes (so the on-screen controls keep working while the pad rests).
 */
import { useEffect, useRef } from 'react';
import type { PtzVelocity } from './ptz-api.ts';
import { gamepadVelocity, sameVelocity, STILL } from './ptz-input.ts';

/** Follows the gamepad while `active`. */
export function useGamepadVelocity(active: boolean, onChange: (v: PtzVelocity) => void): void {
  const listener = useRef(onChange);
  listener.current = onChange;
  useEffect(() => {
    if (!active || typeof navigator.getGamepads !== 'function') return;
    let last: PtzVelocity = STILL;
    let frame = 0;
    const read = () => {
      const pad = navigator.getGamepads().find((p) => p !== null && p.connected);
      const v = pad ? gamepadVelocity(pad.axes, pad.buttons) : STILL;
      if (!sameVelocity(v, last)) {
        last = v;
        listener.current(v);
      }
      frame = requestAnimationFrame(read);
    };
    frame = requestAnimationFrame(read);
    return () => cancelAnimationFrame(frame);
  }, [active]);
}
