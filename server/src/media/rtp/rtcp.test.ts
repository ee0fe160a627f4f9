import { describe, expect, it } from 'vitest';
import {
  ntpToUnixMs,
  parseRtcpPackets,
  rtpToWallMs,
  senderReportsOf,
  unixMsToNtp,
  writeSenderReport,
} from './rtcp.ts';

// A Sender Report followed by an SDES packet, as a camera sends it.
const COMPOUND = new Uint8Array([
  0x80, 0xc8, 0x00, 0x06, 0x12, 0x34, 0x56, 0x78, 0xe9, 0xa1, 0xb2, 0xc3, 0x80, 0x00, 0x00, 0x00,
  0x00, 0x01, 0x5f, 0x90, 0x00, 0x00, 0x00, 0x64, 0x00, 0x02, 0x49, 0xf0,
  // SDES: one chunk, CNAME "cam"
  0x81, 0xca, 0x00, 0x03, 0x12, 0x34, 0x56, 0x78, 0x01, 0x03, 0x63, 0x61, 0x6d, 0x00, 0x00, 0x00,
]);

describe('RTCP', () => {
  it('reads the Sender Report of a compound packet', () => {
    expect(parseRtcpPackets(COMPOUND).map((p) => p.packetType)).toEqual([200, 202]);
    const [sr] = senderReportsOf(COMPOUND);
    expect(sr).toEqual({
      ssrc: 0x12345678,
      ntpSeconds: 0xe9a1b2c3,
      ntpFraction: 0x80000000,
      wallMs: (0xe9a1b2c3 - 2208988800) * 1000 + 500,
      rtpTimestamp: 90000,
      packetCount: 100,
      octetCount: 150000,
    });
  });

  it('maps RTP timestamps to wall time, across the wrap', () => {
    const [sr] = senderReportsOf(
      writeSenderReport({
        ssrc: 1,
        wallMs: 1_700_000_000_000,
        rtpTimestamp: 0xffffffff - 44999,
        packetCount: 0,
        octetCount: 0,
      }),
    );
    if (sr === undefined) throw new Error('no report');
    expect(rtpToWallMs(sr, 45000, 90000)).toBeCloseTo(1_700_000_001_000, 3);
    expect(rtpToWallMs(sr, 0xffffffff - 134999, 90000)).toBeCloseTo(1_699_999_999_000, 3);
  });

  it('converts NTP both ways', () => {
    const ntp = unixMsToNtp(1_700_000_000_250);
    expect(ntp.fraction).toBe(0x40000000);
    expect(ntpToUnixMs(ntp.seconds, ntp.fraction)).toBe(1_700_000_000_250);
  });

  it('names malformed packets', () => {
    expect(() => parseRtcpPackets(new Uint8Array([0x80, 0xc8, 0, 6]))).toThrow(/overruns/);
    expect(() => parseRtcpPackets(new Uint8Array([0x40, 0xc8, 0, 0]))).toThrow(/version 1/);
    expect(() => parseRtcpPackets(new Uint8Array([0x80, 0xc8]))).toThrow(/truncated/);
    expect(() => senderReportsOf(new Uint8Array([0x80, 0xc8, 0, 0]))).toThrow(/at least 28/);
  });
});
