import { describe, expect, it } from 'vitest';
import { rtpToWallMs } from './player-state.ts';

describe('rtpToWallMs', () => {
  it('unwraps a wall clock carried at 90 kHz modulo 2^32, near now', () => {
    const wall = 1_764_000_000_123;
    const rtp = (wall * 90) % 2 ** 32;
    expect(rtpToWallMs(rtp, wall + 150)).toBeCloseTo(wall, 3);
    expect(rtpToWallMs(rtp, wall - 2000)).toBeCloseTo(wall, 3);
    // Across a wrap of the 32-bit timestamp.
    const period = 2 ** 32 / 90;
    const nearWrap = Math.ceil(wall / period) * period - 10;
    expect(rtpToWallMs((nearWrap * 90) % 2 ** 32, nearWrap + 100)).toBeCloseTo(nearWrap, 3);
  });
});
