import { describe, expect, it } from 'vitest';
import { gamepadVelocity, keyVelocity, pointerVelocity, sameVelocity, STILL } from './ptz-input.ts';

describe('PTZ input', () => {
  it('turns a pointer offset into pan and tilt, full speed at the edge, nothing in the dead zone', () => {
    expect(pointerVelocity(100, 0, 100)).toEqual({ pan: 1, tilt: 0, zoom: 0 });
    expect(pointerVelocity(0, -50, 100)).toEqual({ pan: 0, tilt: 0.5, zoom: 0 });
    expect(pointerVelocity(-300, 300, 100)).toEqual({ pan: -1, tilt: -1, zoom: 0 });
    expect(pointerVelocity(5, 5, 100)).toEqual(STILL);
    expect(pointerVelocity(10, 10, 0)).toEqual(STILL);
  });

  it('moves with the arrow keys and zooms with + and −', () => {
    expect(keyVelocity('ArrowLeft')).toEqual({ pan: -0.5, tilt: 0, zoom: 0 });
    expect(keyVelocity('ArrowUp')).toEqual({ pan: 0, tilt: 0.5, zoom: 0 });
    expect(keyVelocity('+')).toEqual({ pan: 0, tilt: 0, zoom: 0.5 });
    expect(keyVelocity('-')).toEqual({ pan: 0, tilt: 0, zoom: -0.5 });
    expect(keyVelocity('a')).toBeUndefined();
  });

  it("reads a gamepad's sticks and triggers, with a dead zone", () => {
    const idle = [
      { value: 0 },
      { value: 0 },
      { value: 0 },
      { value: 0 },
      { value: 0 },
      { value: 0 },
      { value: 0 },
      { value: 0 },
    ];
    expect(gamepadVelocity([0.05, -0.1, 0, 0.1], idle)).toEqual(STILL);
    expect(gamepadVelocity([0.73, -1, 0, 0], idle)).toEqual({ pan: 0.7, tilt: 1, zoom: 0 });
    expect(gamepadVelocity([0, 0, 0, -0.6], idle)).toEqual({ pan: 0, tilt: 0, zoom: 0.6 });
    const zoomOut = idle.map((b, i) => (i === 6 ? { value: 0.8 } : b));
    expect(gamepadVelocity([0, 0, 0, 0], zoomOut)).toEqual({ pan: 0, tilt: 0, zoom: -0.8 });
  });

  it('compares velocities after rounding', () => {
    expect(sameVelocity(pointerVelocity(51, 0, 100), pointerVelocity(49, 0, 100))).toBe(true);
    expect(sameVelocity(STILL, { pan: 0.1, tilt: 0, zoom: 0 })).toBe(false);
  });
});
