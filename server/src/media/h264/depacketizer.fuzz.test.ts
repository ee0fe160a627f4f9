import { describe, expect, it } from 'vitest';
import { mutate, randomInt, seededRandom } from '../bits/fuzz.ts';
import { H265Depacketizer } from '../h265/depacketizer.ts';
import { packetizeH265 } from '../h265/packetizer.ts';
import type { RtpPacketView, RtpVideoDepacketizer } from '../rtp/video-depacketizer.ts';
import type { AccessUnit } from '../types.ts';
import { H264Depacketizer } from './depacketizer.ts';
import { packetizeH264 } from './packetizer.ts';

interface Codec {
  name: string;
  make: (options?: { lendAccessUnits?: boolean }) => RtpVideoDepacketizer;
  packetize: (nalus: readonly Uint8Array[], max: number) => Uint8Array[];
  nal: (kind: 'param' | 'key' | 'slice', size: number, seed: number, first: boolean) => Uint8Array;
  isVcl: (nal: Uint8Array) => boolean;
}

function fill(out: Uint8Array, from: number, seed: number): Uint8Array {
  for (let i = from; i < out.length; i++) out[i] = (i * 131 + seed * 7) & 0xff;
  return out;
}

const CODECS: Codec[] = [
  {
    name: 'H.264',
    make: (o) => new H264Depacketizer({ maxAccessUnitBytes: 200_000, ...o }),
    packetize: packetizeH264,
    nal: (kind, size, seed, first) => {
      const out = new Uint8Array(2 + size);
      out[0] = kind === 'param' ? 0x67 : kind === 'key' ? 0x65 : 0x41;
      out[1] = first ? 0x88 : 0x12;
      return fill(out, 2, seed);
    },
    isVcl: (n) => ((n[0] ?? 0) & 0x1f) >= 1 && ((n[0] ?? 0) & 0x1f) <= 5,
  },
  {
    name: 'H.265',
    make: (o) => new H265Depacketizer({ maxAccessUnitBytes: 200_000, ...o }),
    packetize: packetizeH265,
    nal: (kind, size, seed, first) => {
      const out = new Uint8Array(3 + size);
      out[0] = (kind === 'param' ? 33 : kind === 'key' ? 19 : 1) << 1;
      out[1] = 1;
      out[2] = first ? 0xaf : 0x2f;
      return fill(out, 3, seed);
    },
    isVcl: (n) => (n[0] ?? 0) >> 1 < 32,
  },
];

/** A stream of access units (timestamps distinct) and their packets. */
function stream(codec: Codec, rand: () => number): [Map<number, Uint8Array[]>, RtpPacketView[]] {
  const units = new Map<number, Uint8Array[]>();
  const packets: RtpPacketView[] = [];
  const count = 1 + randomInt(rand, 6);
  let seq = randomInt(rand, 65536);
  for (let i = 0; i < count; i++) {
    const key = i === 0 || rand() < 0.2;
    const nalus = key ? [codec.nal('param', 1 + randomInt(rand, 20), i, true)] : [];
    const slices = 1 + randomInt(rand, 3);
    for (let s = 0; s < slices; s++) {
      nalus.push(codec.nal(key ? 'key' : 'slice', 1 + randomInt(rand, 3000), i * 10 + s, s === 0));
    }
    const ts = (0xffff0000 + i * 3600) >>> 0;
    units.set(ts, nalus);
    const payloads = codec.packetize(nalus, 40 + randomInt(rand, 1400));
    payloads.forEach((payload, j) => {
      packets.push({
        sequenceNumber: seq & 0xffff,
        timestamp: ts,
        marker: j === payloads.length - 1,
        payload,
      });
      seq++;
    });
  }
  return [units, packets];
}

/** Loses, duplicates and swaps packets. */
function disturb(packets: RtpPacketView[], rand: () => number): RtpPacketView[] {
  const out: RtpPacketView[] = [];
  for (const p of packets) {
    const r = rand();
    if (r < 0.05) continue;
    out.push(p);
    if (r > 0.97) out.push(p);
  }
  for (let i = 0; i + 1 < out.length; i++) {
    const a = out[i];
    const b = out[i + 1];
    if (a !== undefined && b !== undefined && rand() < 0.03) {
      out[i] = b;
      out[i + 1] = a;
    }
  }
  return out;
}

function sameBytes(a: Uint8Array, b: Uint8Array | undefined): boolean {
  return b !== undefined && Buffer.compare(a, b) === 0;
}

function pushAll(d: RtpVideoDepacketizer, packets: RtpPacketView[]): AccessUnit[] {
  const units: AccessUnit[] = [];
  for (const p of packets) units.push(...d.push(p).accessUnits);
  units.push(...d.flush().accessUnits);
  return units;
}

describe.each(CODECS)('$name depacketizer fuzz', (codec) => {
  it('never emits a corrupt access unit when packets are lost, duplicated or reordered', () => {
    let emitted = 0;
    for (let seed = 1; seed <= 2_000; seed++) {
      const rand = seededRandom(seed);
      const [units, packets] = stream(codec, rand);
      for (const unit of pushAll(codec.make(), disturb(packets, rand))) {
        const original = units.get(unit.rtpTimestamp) ?? [];
        // Only leading non-VCL NAL units (parameter sets) may be missing; every slice is intact.
        const skipped = original.length - unit.nalus.length;
        expect(skipped, `seed ${seed}`).toBeGreaterThanOrEqual(0);
        expect(
          original.slice(0, skipped).every((n) => !codec.isVcl(n)),
          `seed ${seed}`,
        ).toBe(true);
        const same = unit.nalus.every((n, i) => sameBytes(n, original[skipped + i]));
        expect(same, `seed ${seed}`).toBe(true);
        emitted++;
      }
    }
    expect(emitted).toBeGreaterThan(2_000);
  });

  it('lending gives, at each push, the very access units that copying gives', () => {
    let lentSeen = 0;
    for (let seed = 1; seed <= 1_000; seed++) {
      const rand = seededRandom(seed);
      const [, packets] = stream(codec, rand);
      const disturbed = disturb(packets, rand);
      const copying = codec.make();
      const lending = codec.make({ lendAccessUnits: true });
      for (const p of disturbed) {
        const a = copying.push(p).accessUnits;
        const b = lending.push(p).accessUnits;
        expect(b.length, `seed ${seed}`).toBe(a.length);
        b.forEach((u, i) => {
          const c = a[i];
          expect(u.rtpTimestamp).toBe(c?.rtpTimestamp);
          expect(sameBytes(u.lengthPrefixed ?? new Uint8Array(0), c?.lengthPrefixed)).toBe(true);
          expect(
            u.nalus.every((n, j) => sameBytes(n, c?.nalus[j])),
            `seed ${seed}`,
          ).toBe(true);
          if (u.lent === true) lentSeen++;
        });
      }
    }
    expect(lentSeen).toBeGreaterThan(1_000);
  });

  it('survives 20k packets of mutated payloads and headers without throwing', () => {
    const rand = seededRandom(99);
    const d = codec.make();
    let packets = 0;
    while (packets < 20_000) {
      const [, list] = stream(codec, rand);
      for (const p of list) {
        const r = rand();
        const payload = r < 0.3 ? mutate(p.payload, rand, 3) : p.payload;
        const result = d.push({
          sequenceNumber: r > 0.95 ? randomInt(rand, 65536) : p.sequenceNumber,
          timestamp: r > 0.97 ? randomInt(rand, 2 ** 32) : p.timestamp,
          marker: r > 0.98 ? !p.marker : p.marker,
          payload,
        });
        for (const unit of result.accessUnits) {
          expect(unit.nalus.length).toBeGreaterThan(0);
          expect(unit.nalus.every((n) => n.length > 0)).toBe(true);
        }
        packets++;
      }
    }
    expect(d.stats.packets).toBe(packets);
  });
});
