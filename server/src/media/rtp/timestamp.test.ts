import { describe, expect, it } from 'vitest';
import { RtpTimestampExtender, timestampDelta } from './timestamp.ts';

describe('RTP timestamps', () => {
  it('computes signed differences across the wrap', () => {
    expect(timestampDelta(10, 0xfffffff6)).toBe(20);
    expect(timestampDelta(0xfffffff6, 10)).toBe(-20);
    expect(timestampDelta(3600, 0)).toBe(3600);
  });

  it('extends past 2^32 and survives small steps back', () => {
    const x = new RtpTimestampExtender();
    expect(x.extend(0xffff0000)).toBe(0xffff0000);
    expect(x.extend(0xfffff000)).toBe(0xfffff000);
    expect(x.extend(0x00000e10)).toBe(0x100000e10);
    expect(x.extend(0x00000000)).toBe(0x100000000);
    expect(x.extend(0xfffffc7c)).toBe(0xfffffc7c);
    // Two full wraps, in 2^30 steps.
    let ts = 0;
    const y = new RtpTimestampExtender();
    let last = 0;
    for (let i = 0; i <= 8; i++) {
      last = y.extend(ts);
      ts = (ts + 0x40000000) >>> 0;
    }
    expect(last).toBe(8 * 0x40000000);
    y.reset();
    expect(y.extend(5)).toBe(5);
  });
});
