import { describe, expect, it } from 'vitest';
import type { RtpPacketView } from '../rtp/video-depacketizer.ts';
import type { AccessUnit } from '../types.ts';
import { H265Depacketizer } from './depacketizer.ts';
import { packetizeH265 } from './packetizer.ts';

const VPS = new Uint8Array([0x40, 0x01, 0x0c, 0x01, 0xff, 0xff, 0x01, 0x60]);
const SPS = new Uint8Array([0x42, 0x01, 0x01, 0x01, 0x60, 0x00, 0x00, 0x03]);
const PPS = new Uint8Array([0x44, 0x01, 0xc0, 0xf2, 0xf0, 0x3c, 0x90]);

function nal(type: number, size: number, seed: number, firstSlice = true): Uint8Array {
  const out = new Uint8Array(size + 3);
  out[0] = type << 1;
  out[1] = 0x01;
  out[2] = firstSlice ? 0xaf : 0x2f;
  for (let i = 3; i < out.length; i++) out[i] = (i * 17 + seed) & 0xff;
  return out;
}

function packets(units: Uint8Array[][], maxPayload: number): RtpPacketView[] {
  const out: RtpPacketView[] = [];
  units.forEach((nalus, i) => {
    const payloads = packetizeH265(nalus, maxPayload);
    payloads.forEach((payload, j) => {
      out.push({
        sequenceNumber: (65000 + out.length) & 0xffff,
        timestamp: i * 3000,
        marker: j === payloads.length - 1,
        payload,
      });
    });
  });
  return out;
}

function run(d: H265Depacketizer, pkts: RtpPacketView[]): [AccessUnit[], string[]] {
  const units: AccessUnit[] = [];
  const problems: string[] = [];
  for (const p of pkts) {
    const r = d.push(p);
    units.push(...r.accessUnits);
    problems.push(...r.problems.map((x) => `${x.kind}: ${x.detail}`));
  }
  return [units, problems];
}

const GOP = [
  [VPS, SPS, PPS, nal(39, 8, 1), nal(19, 5000, 2)], // prefix SEI, IDR_W_RADL
  [nal(1, 1500, 3)], // TRAIL_R
  [nal(21, 20, 4), nal(21, 20, 5, false)], // CRA, two slices
];

describe('H265Depacketizer', () => {
  it('round-trips packetized access units (AP, FU, single)', () => {
    for (const mtu of [4, 60, 1400, 65000]) {
      const d = new H265Depacketizer();
      const [units, problems] = run(d, packets(GOP, mtu));
      expect(problems).toEqual([]);
      expect(units.map((u) => u.nalus)).toEqual(GOP);
      expect(units.map((u) => u.isKey)).toEqual([true, false, true]);
      expect(d.parameterSets).toEqual({ codec: 'h265', vps: VPS, sps: SPS, pps: PPS });
    }
  });

  it('drops the access unit whose FU end was lost', () => {
    const pkts = packets(GOP, 1400);
    const idrEnd = pkts.findIndex((p) => p.marker);
    const d = new H265Depacketizer();
    const [units, problems] = run(
      d,
      pkts.filter((_, i) => i !== idrEnd),
    );
    expect(units.map((u) => u.nalus)).toEqual([GOP[1], GOP[2]]);
    expect(problems[1]).toBe('dropped: access unit dropped: a packet of it was lost');
  });

  it('reports malformed and unsupported packets without throwing', () => {
    const d = new H265Depacketizer();
    const p = (payload: number[], seq: number): RtpPacketView => ({
      sequenceNumber: seq,
      timestamp: seq,
      marker: true,
      payload: new Uint8Array(payload),
    });
    const [units, problems] = run(d, [
      p([0x60, 0x01, 0, 9, 0x26], 1), // AP overrun
      p([0x62, 0x01], 2), // short FU
      p([0x64, 0x01, 0, 0], 3), // PACI
      p([0x62, 0x01, 0x53, 1], 4), // FU end without start
      p([0x62, 0x01, 0xd3, 0xaf, 7], 5), // FU start+end: accepted, IDR
    ]);
    expect(units).toEqual([
      {
        codec: 'h265',
        nalus: [new Uint8Array([0x26, 0x01, 0xaf, 7])],
        lengthPrefixed: new Uint8Array([0, 0, 0, 4, 0x26, 0x01, 0xaf, 7]),
        rtpTimestamp: 5,
        isKey: true,
        lent: false,
      },
    ]);
    expect(problems).toContain('unsupported: H.265 PACI packets are not supported');
    expect(problems.filter((x) => x.startsWith('dropped'))).toHaveLength(4);
  });
});
