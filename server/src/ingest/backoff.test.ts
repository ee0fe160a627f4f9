import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKOFF, backoffDelayMs } from './backoff.ts';

describe('backoffDelayMs', () => {
  it('doubles from 0.5 s, capped at 2 s during the first minute and 30 s after', () => {
    const top = () => 1;
    expect([1, 2, 3, 4, 10].map((a) => backoffDelayMs(a, 1000, top))).toEqual([
      500, 1000, 2000, 2000, 2000,
    ]);
    expect([1, 5, 6, 7, 30].map((a) => backoffDelayMs(a, 61_000, top))).toEqual([
      500, 8000, 16_000, 30_000, 30_000,
    ]);
  });

  it('draws jitter in [d/2, d]', () => {
    expect(backoffDelayMs(3, 0, () => 0)).toBe(1000);
    expect(backoffDelayMs(3, 0, () => 0.5)).toBe(1500);
    for (let i = 0; i < 100; i++) {
      const d = backoffDelayMs(20, 120_000, Math.random);
      expect(d).toBeGreaterThanOrEqual(DEFAULT_BACKOFF.capMs / 2);
      expect(d).toBeLessThanOrEqual(DEFAULT_BACKOFF.capMs);
    }
  });
});
