import { describe, expect, it } from 'vitest';
import { CAMERA_CLOCK_FRESH_MS, clockReading } from './camera-clock.ts';

describe('a live tile clock', () => {
  const last = { captureWallMs: 1_000_000, presentedWallMs: 1_000_300 };

  it("shows the camera's clock while frames tell it, carried forward between frames", () => {
    expect(clockReading(last, 1_000_300)).toEqual({ ms: 1_000_000, source: 'camera' });
    expect(clockReading(last, 1_001_300)).toEqual({ ms: 1_001_000, source: 'camera' });
  });

  it("falls back to the browser's clock when no recent frame told the time", () => {
    const later = 1_000_300 + CAMERA_CLOCK_FRESH_MS + 1;
    expect(clockReading(last, later)).toEqual({ ms: later, source: 'browser' });
    expect(clockReading(undefined, 42)).toEqual({ ms: 42, source: 'browser' });
  });
});
