import { describe, expect, it } from 'vitest';
import { packetizeH265 } from './packetizer.ts';

const vps = new Uint8Array([0x40, 0x01, 0x0c, 0x01]);
const sps = new Uint8Array([0x42, 0x01, 0x01, 0x01]);

describe('packetizeH265', () => {
  it('aggregates small NAL units into one AP', () => {
    expect(packetizeH265([vps, sps], 1400)).toEqual([
      new Uint8Array([0x60, 0x01, 0, 4, ...vps, 0, 4, ...sps]),
    ]);
  });

  it('fragments a large NAL unit into FUs', () => {
    const idr = new Uint8Array([0x26, 0x01, 0xaf, 1, 2, 3]);
    expect(packetizeH265([idr], 5)).toEqual([
      new Uint8Array([0x62, 0x01, 0x93, 0xaf, 1]),
      new Uint8Array([0x62, 0x01, 0x53, 2, 3]),
    ]);
    expect(() => packetizeH265([new Uint8Array([0x26, 1])], 1400)).toThrow(/at least 3/);
  });
});
