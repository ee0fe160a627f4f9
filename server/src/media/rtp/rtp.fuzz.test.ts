import { describe, expect, it } from 'vitest';
import { mutate, randomBytes, randomInt, seededRandom } from '../bits/fuzz.ts';
import { RtpParseError } from './errors.ts';
import { newRtpHeader, parseRtpPacket, readRtpHeader, writeRtpPacket } from './packet.ts';
import { senderReportsOf, writeSenderReport } from './rtcp.ts';
import { RtpSequenceTracker } from './sequence.ts';

function only(fn: () => unknown, seed: number): void {
  try {
    fn();
  } catch (err) {
    if (!(err instanceof RtpParseError))
      throw new Error(`seed ${seed}: ${String(err)}`, { cause: err });
  }
}

describe('RTP fuzz', () => {
  it('20k mutated and random RTP and RTCP packets throw only RtpParseError', () => {
    const rtp = writeRtpPacket({
      marker: true,
      payloadType: 96,
      sequenceNumber: 1,
      timestamp: 2,
      ssrc: 3,
      payload: new Uint8Array(20).fill(0x41),
      csrcs: [4],
      extension: { profile: 0xbede, data: new Uint8Array(4) },
      paddingBytes: 3,
    });
    const sr = writeSenderReport({
      ssrc: 1,
      wallMs: 1_700_000_000_000,
      rtpTimestamp: 5,
      packetCount: 6,
      octetCount: 7,
    });
    let parsed = 0;
    for (let seed = 1; seed <= 20_000; seed++) {
      const rand = seededRandom(seed);
      const random = seed % 10 === 0;
      const a = random ? randomBytes(rand, randomInt(rand, 80)) : mutate(rtp, rand, 3);
      const b = random ? randomBytes(rand, randomInt(rand, 80)) : mutate(sr, rand, 3);
      only(() => {
        const p = parseRtpPacket(a);
        expect(p.payload.length).toBeLessThanOrEqual(a.length - 12);
        parsed++;
      }, seed);
      only(() => senderReportsOf(b), seed);
      // Read in place from inside a larger buffer: same verdict and payload as parseRtpPacket.
      const framed = new Uint8Array(a.length + 9).fill(0x55);
      framed.set(a, 5);
      let whole: Uint8Array | string;
      try {
        whole = parseRtpPacket(a).payload;
      } catch (e) {
        whole = e instanceof RtpParseError ? e.message : 'other';
      }
      const h = newRtpHeader();
      let inPlace: Uint8Array | string;
      try {
        readRtpHeader(framed, 5, 5 + a.length, h);
        inPlace = framed.subarray(h.payloadStart, h.payloadEnd);
      } catch (e) {
        inPlace = e instanceof RtpParseError ? e.message : 'other';
      }
      if (typeof whole === 'string' || typeof inPlace === 'string') {
        expect(inPlace, `seed ${seed}`).toEqual(whole);
      } else {
        expect(inPlace.length, `seed ${seed}`).toBe(whole.length);
        expect(Buffer.from(inPlace).equals(whole), `seed ${seed}`).toBe(true);
      }
    }
    expect(parsed).toBeGreaterThan(1000);
  });

  it('sequence tracker keeps consistent counters on 20k random sequence numbers', () => {
    const rand = seededRandom(7);
    const t = new RtpSequenceTracker();
    let seq = 0;
    for (let i = 0; i < 20_000; i++) {
      const r = rand();
      seq = r < 0.9 ? seq + 1 : r < 0.95 ? seq - randomInt(rand, 50) : seq + randomInt(rand, 5000);
      t.push(seq & 0xffff);
    }
    const s = t.stats;
    expect(s.lost).toBeGreaterThanOrEqual(0);
    expect(s.received + s.duplicates).toBeLessThanOrEqual(20_000);
  });
});
