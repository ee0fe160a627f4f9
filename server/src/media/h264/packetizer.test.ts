import { describe, expect, it } from 'vitest';
import { packetizeH264 } from './packetizer.ts';

const sps = new Uint8Array([0x67, 0x42, 0xc0, 0x1f]);
const pps = new Uint8Array([0x68, 0xce, 0x3c, 0x80]);

describe('packetizeH264', () => {
  it('aggregates small NAL units into one STAP-A', () => {
    const idr = new Uint8Array([0x65, 0x88, 0x84]);
    expect(packetizeH264([sps, pps, idr], 1400)).toEqual([
      new Uint8Array([0x78, 0, 4, ...sps, 0, 4, ...pps, 0, 3, ...idr]),
    ]);
  });

  it('sends a lone NAL unit as is, and fragments a large one into FU-A', () => {
    const small = new Uint8Array([0x41, 1, 2]);
    expect(packetizeH264([small], 1400)).toEqual([small]);
    const big = new Uint8Array([0x65, 1, 2, 3, 4, 5]);
    expect(packetizeH264([big], 4)).toEqual([
      new Uint8Array([0x7c, 0x85, 1, 2]),
      new Uint8Array([0x7c, 0x05, 3, 4]),
      new Uint8Array([0x7c, 0x45, 5]),
    ]);
  });

  it('in packetization-mode 0 sends single NAL units and refuses large ones', () => {
    expect(packetizeH264([sps, pps], 1400, { packetizationMode: 0 })).toEqual([sps, pps]);
    expect(() => packetizeH264([sps], 3, { packetizationMode: 0 })).toThrow(/mode 0/);
    expect(() => packetizeH264([new Uint8Array(0)], 1400)).toThrow(/empty/);
    expect(() => packetizeH264([sps], 2)).toThrow(/too small/);
  });
});
