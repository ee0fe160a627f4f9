import { describe, expect, it } from 'vitest';
import { nudgedRate } from './playback-group.ts';

describe('keeping tiles in step', () => {
  it('leaves a tile within 15 ms of the group at the group rate', () => {
    expect(nudgedRate(1, 0.01)).toBe(1);
    expect(nudgedRate(2, -0.015)).toBe(2);
  });

  it('slows a tile that is ahead and speeds one that is behind, by at most a tenth', () => {
    expect(nudgedRate(1, 0.05)).toBeCloseTo(0.95);
    expect(nudgedRate(1, -0.05)).toBeCloseTo(1.05);
    expect(nudgedRate(4, 0.3)).toBeCloseTo(3.6);
    expect(nudgedRate(1, -0.4)).toBeCloseTo(1.1);
  });
});
