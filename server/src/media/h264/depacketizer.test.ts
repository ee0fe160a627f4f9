import { describe, expect, it } from 'vitest';
import type { RtpPacketView } from '../rtp/video-depacketizer.ts';
import type { AccessUnit } from '../types.ts';
import { toAvcc } from '../bits/avcc.ts';
import { H264Depacketizer } from './depacketizer.ts';
import { packetizeH264 } from './packetizer.ts';

const SPS = new Uint8Array([0x67, 0x42, 0xc0, 0x1f, 0xda, 0x01, 0x40, 0x16, 0xec, 0x04, 0x40]);
const PPS = new Uint8Array([0x68, 0xce, 0x3c, 0x80]);

/** A deterministic NAL unit: header, first byte (first_mb flag), then `size` bytes of data. */
function nal(header: number, size: number, seed: number, firstSlice = true): Uint8Array {
  const out = new Uint8Array(size + 2);
  out[0] = header;
  out[1] = firstSlice ? 0x88 : 0x1a;
  for (let i = 2; i < out.length; i++) out[i] = (i * 31 + seed) & 0xff;
  return out;
}

/** RTP packets for access units, sequence numbers from `seq`. */
function packets(units: Uint8Array[][], maxPayload: number, seq = 65530): RtpPacketView[] {
  const out: RtpPacketView[] = [];
  units.forEach((nalus, i) => {
    const payloads = packetizeH264(nalus, maxPayload);
    payloads.forEach((payload, j) => {
      out.push({
        sequenceNumber: (seq + out.length) & 0xffff,
        timestamp: (0xfffff000 + i * 3600) >>> 0,
        marker: j === payloads.length - 1,
        payload,
      });
    });
  });
  return out;
}

function run(d: H264Depacketizer, pkts: RtpPacketView[]): [AccessUnit[], string[]] {
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
  [SPS, PPS, nal(0x06, 5, 1), nal(0x65, 4000, 2)],
  [nal(0x41, 1200, 3)],
  [nal(0x41, 30, 4), nal(0x41, 40, 5, false)],
];

describe('H264Depacketizer', () => {
  it('gives each access unit as the MP4 sample too, its NAL units views into it', () => {
    for (const mtu of [3, 50, 1400]) {
      const [units] = run(new H264Depacketizer(), packets(GOP, mtu));
      expect(units).toHaveLength(GOP.length);
      for (const [i, u] of units.entries()) {
        expect(u.lengthPrefixed).toEqual(toAvcc(GOP[i] ?? []));
        for (const n of u.nalus) expect(n.buffer).toBe(u.lengthPrefixed?.buffer);
      }
    }
  });

  it('reads packets in place (pushPayload) as it reads parsed ones', () => {
    const d = new H264Depacketizer();
    const units: AccessUnit[] = [];
    for (const p of packets(GOP, 200)) {
      const framed = new Uint8Array(p.payload.length + 7);
      framed.set(p.payload, 3);
      const r = d.pushPayload(
        framed,
        3,
        3 + p.payload.length,
        p.sequenceNumber,
        p.timestamp,
        p.marker,
      );
      framed.fill(0xee); // the depacketizer kept nothing of the packet
      units.push(...r.accessUnits);
    }
    expect(units.map((u) => u.nalus)).toEqual(GOP);
  });

  it('round-trips packetized access units (STAP-A, FU-A, single) across the wraps', () => {
    for (const mtu of [3, 50, 1400, 65000]) {
      const d = new H264Depacketizer();
      const [units, problems] = run(d, packets(GOP, mtu));
      expect(problems).toEqual([]);
      expect(units.map((u) => u.nalus)).toEqual(GOP);
      expect(units.map((u) => u.isKey)).toEqual([true, false, false]);
      expect(units[2]?.rtpTimestamp).toBe((0xfffff000 + 7200) >>> 0);
      expect(d.parameterSets).toEqual({ codec: 'h264', sps: SPS, pps: PPS });
    }
  });

  it('keeps no view of the packets it is given (a socket buffer may be reused at once)', () => {
    for (const mtu of [50, 1400]) {
      const d = new H264Depacketizer();
      const reused = new Uint8Array(70_000);
      const units: AccessUnit[] = [];
      for (const p of packets([...GOP, ...GOP], mtu)) {
        reused.set(p.payload);
        const r = d.push({ ...p, payload: reused.subarray(0, p.payload.length) });
        units.push(...r.accessUnits);
        reused.fill(0xee); // what the next read would do to the packet's bytes
      }
      expect(units.map((u) => u.nalus)).toEqual([...GOP, ...GOP]);
      expect(d.parameterSets).toEqual({ codec: 'h264', sps: SPS, pps: PPS });
    }
  });

  it('lends access units ended by their marker: intact until the next push, then reused', () => {
    for (const mtu of [50, 1400]) {
      const d = new H264Depacketizer({ lendAccessUnits: true });
      const seen: Uint8Array[][] = [];
      let lent: AccessUnit | undefined;
      let next = 0;
      for (const p of packets([...GOP, ...GOP], mtu)) {
        const r = d.push(p);
        next = (p.sequenceNumber + 1) & 0xffff;
        for (const u of r.accessUnits) {
          expect(u.lent).toBe(true);
          seen.push(u.nalus.map((n) => new Uint8Array(n))); // read during the push: intact
          lent = u;
        }
      }
      expect(seen).toEqual([...GOP, ...GOP]);
      // The memory is the depacketizer's: the next access unit is assembled over it.
      const before = lent?.lengthPrefixed?.slice();
      d.push({ ...(packets(GOP, mtu)[0] as RtpPacketView), sequenceNumber: next });
      expect(lent?.lengthPrefixed).not.toEqual(before);
    }
  });

  it('copies, even when lending, an access unit ended mid-packet by a timestamp change', () => {
    const pkts = packets(GOP, 1400).map((p) => ({ ...p, marker: false }));
    const d = new H264Depacketizer({ lendAccessUnits: true });
    const [units] = run(d, pkts);
    expect(units.map((u) => u.lent)).toEqual([false, false]);
    expect(units.map((u) => u.nalus)).toEqual(GOP.slice(0, 2));
  });

  it('drops an access unit whose fragmented NAL unit is interrupted by another NAL unit', () => {
    const [idr] = packets([[nal(0x65, 3000, 9)]], 1000);
    const [single] = packets([[nal(0x41, 20, 8)]], 1000, 65531);
    if (!idr || !single) throw new Error('test packets missing');
    const d = new H264Depacketizer();
    const [units, problems] = run(d, [idr, { ...single, timestamp: idr.timestamp }]);
    expect(units).toEqual([]);
    const flushed = d.flush().problems.map((p) => p.detail);
    expect([...problems, ...flushed].join(' | ')).toContain(
      'a fragmented NAL unit was interrupted by another NAL unit',
    );
  });

  it('ends an access unit on a timestamp change when the marker is missing', () => {
    const pkts = packets(GOP, 1400).map((p) => ({ ...p, marker: false }));
    const d = new H264Depacketizer();
    const [units] = run(d, pkts);
    expect(units).toHaveLength(2);
    const end = d.flush();
    expect(end.accessUnits).toEqual([]);
    expect(end.problems.map((p) => p.detail)).toEqual([
      'access unit dropped: the stream ended before it was complete',
    ]);
  });

  it('drops the access unit whose FU-A fragment was lost, and reports it', () => {
    const pkts = packets(GOP, 1000);
    const lost = pkts.filter((_, i) => i !== 2); // a middle fragment of the IDR
    const d = new H264Depacketizer({ params: { codec: 'h264', sps: SPS, pps: PPS } });
    const [units, problems] = run(d, lost);
    expect(units.map((u) => u.nalus)).toEqual([GOP[1], GOP[2]]);
    expect(problems).toEqual([
      'loss: 1 packet(s) lost before sequence number 65533',
      'dropped: access unit dropped: a packet of it was lost',
    ]);
    expect(d.stats).toMatchObject({ lostPackets: 1, droppedAccessUnits: 1, accessUnits: 2 });
  });

  it('after a loss, drops a picture whose first slice is missing', () => {
    const units = [[nal(0x41, 10, 1)], [nal(0x41, 10, 2), nal(0x41, 10, 3, false)]];
    const pkts = packets(units, 14); // each slice alone in a packet
    const d = new H264Depacketizer();
    const [out, problems] = run(
      d,
      [pkts[0], pkts[2]].filter((p) => p !== undefined),
    );
    expect(out.map((u) => u.nalus)).toEqual([units[0]]);
    expect(problems.at(-1)).toBe('dropped: access unit dropped: its first slices were lost');
  });

  it('can skip to the next key frame after a loss', () => {
    const gop2 = [...GOP, [nal(0x65, 10, 9)]];
    const pkts = packets(gop2, 1000).filter((_, i) => i !== 2);
    const d = new H264Depacketizer({ skipToKeyFrameAfterLoss: true });
    const [units, problems] = run(d, pkts);
    expect(units.map((u) => u.isKey)).toEqual([true]);
    expect(problems.filter((p) => p.includes('waiting for a key frame'))).toHaveLength(2);
  });

  it('ignores duplicates and late packets', () => {
    const pkts = packets(GOP, 1400);
    const [a, b, c, ...rest] = pkts;
    if (a === undefined || b === undefined || c === undefined) throw new Error('packets');
    const d = new H264Depacketizer();
    const [units, problems] = run(d, [a, a, b, c, b, ...rest]);
    expect(units.map((u) => u.nalus)).toEqual(GOP);
    expect(problems).toEqual([
      'late: packet 65530 arrived after 65530; ignored',
      'late: packet 65531 arrived after 65532; ignored',
    ]);
  });

  it('drops a first access unit that starts in the middle of a picture', () => {
    const d = new H264Depacketizer();
    const [units, problems] = run(d, packets([[nal(0x41, 10, 1, false)], [nal(0x41, 10, 2)]], 100));
    expect(units).toHaveLength(1);
    expect(problems).toEqual(['dropped: access unit dropped: its first slices were lost']);
  });

  it('reports malformed packets without throwing', () => {
    const d = new H264Depacketizer();
    const bad = (payload: number[], seq: number): RtpPacketView => ({
      sequenceNumber: seq,
      timestamp: seq,
      marker: true,
      payload: new Uint8Array(payload),
    });
    const [units, problems] = run(d, [
      bad([0x78, 0, 9, 0x65], 1), // STAP-A size overrun
      bad([0x7c, 0x45, 1], 2), // FU-A end without start
      bad([0x7c, 0x80], 3), // FU-A without data
      bad([0x19, 0, 0], 4), // STAP-B
      bad([0x1e, 1], 5), // reserved type 30: ignored
      bad([], 6),
      bad([0x7c, 0xc5, 0x88, 1], 7), // FU-A with start and end: accepted
    ]);
    expect(units.map((u) => u.nalus)).toEqual([[new Uint8Array([0x65, 0x88, 1])]]);
    expect(problems.filter((p) => p.startsWith('malformed'))).toHaveLength(3);
    expect(problems).toContain(
      'unsupported: H.264 packet type 25 (interleaved mode) is not supported',
    );
  });

  it('drops an access unit larger than the limit', () => {
    const d = new H264Depacketizer({ maxAccessUnitBytes: 1000 });
    const [units, problems] = run(d, packets([[nal(0x65, 2000, 1)], [nal(0x41, 10, 2)]], 500));
    expect(units).toHaveLength(1);
    expect(problems).toEqual(['dropped: access unit dropped: a NAL unit exceeds 1000 bytes']);
  });
});
