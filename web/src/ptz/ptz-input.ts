/**
 * Turning what the operator does into PTZ velocities: a pointer's offset on the pad or the
 * picture, the arrow keys, a gamepad's sticks. Pure functions, each clamped to -1…1 with a
 * dead zone, rounded to steps of 0.1 so that a steady hand sends no stream of tiny changes.
 */
import type { PtzVelocity } from './ptz-api.ts';

/** No movement. */
export const STILL: PtzVelocity = { pan: 0, tilt: 0, zoom: 0 };

const clamp = (v: number): number => Math.max(-1, Math.min(1, v));
const step = (v: number): number => Math.round(clamp(v) * 10) / 10 || 0;

/** True when two velocities are the same after rounding. */
export function sameVelocity(a: PtzVelocity, b: PtzVelocity): boolean {
  return a.pan === b.pan && a.tilt === b.tilt && a.zoom === b.zoom;
}

/**
 * The velocity for a pointer `dx`, `dy` pixels from where it went down, on a surface of
 * `radius` pixels (full speed at the edge); up on the screen tilts up. Inside `deadZone` (a
 * fraction of the radius) nothing moves.
 */
export function pointerVelocity(dx: number, dy: number, radius: number, deadZone = 0.1) {
  if (radius <= 0) return STILL;
  const x = dx / radius;
  const y = -dy / radius;
  if (Math.hypot(x, y) < deadZone) return STILL;
  return { pan: step(x), tilt: step(y), zoom: 0 };
}

/** Keys that move: arrows pan and tilt, + and − zoom. Undefined for other keys. */
export function keyVelocity(key: string, speed = 0.5): PtzVelocity | undefined {
  switch (key) {
    case 'ArrowLeft':
      return { ...STILL, pan: -speed };
    case 'ArrowRight':
      return { ...STILL, pan: speed };
    case 'ArrowUp':
      return { ...STILL, tilt: speed };
    case 'ArrowDown':
      return { ...STILL, tilt: -speed };
    case '+':
    case '=':
      return { ...STILL, zoom: speed };
    case '-':
      return { ...STILL, zoom: -speed };
    default:
      return undefined;
  }
}

/**
 * A gamepad's velocity (standard mapping): left stick pans and tilts, right stick's vertical
 * axis (or the triggers, buttons 6 and 7) zooms. Axes inside `deadZone` count as centred.
 */
export function gamepadVelocity(
  axes: readonly number[],
  buttons: readonly { value: number }[],
  deadZone = 0.15,
): PtzVelocity {
  const axis = (i: number): number => {
    const v = axes[i] ?? 0;
    return Math.abs(v) < deadZone ? 0 : v;
  };
  const triggers = (buttons[7]?.value ?? 0) - (buttons[6]?.value ?? 0);
  const stick = -axis(3);
  return {
    pan: step(axis(0)),
    tilt: step(-axis(1)),
    zoom: step(stick !== 0 ? stick : Math.abs(triggers) < deadZone ? 0 : triggers),
  };
}
