import { describe, expect, it } from 'vitest';
import { parseRtpPacket } from '../media/rtp/packet.ts';
import type { TimedAccessUnit } from '../ingest/types.ts';
import { H264RtpSender, MAX_RTP_PAYLOAD } from './webrtc-packets.ts';

const sps = new Uint8Array([0x67, 0x64, 0, 0x1f]);
const pps = new Uint8Array([0x68, 0xee, 0x3c, 0x80]);
const aud = new Uint8Array([0x09, 0xf0]);

function frame(isKey: boolean, pts90k: number, wallMs: number, size = 100): TimedAccessUnit {
  const slice = new Uint8Array(size).fill(7);
  slice[0] = isKey ? 0x65 : 0x41;
  return { codec: 'h264', nalus: [aud, slice], isKey, rtpTimestamp: 0, pts90k, wallMs };
}

describe('H264RtpSender', () => {
  it('puts the parameter sets before a key frame, drops AUDs, marks the last packet', () => {
    const sender = new H264RtpSender(0x1234, 102, 65535);
    sender.setParams({ codec: 'h264', sps, pps });
    const packets = sender.packets(frame(true, 0, 1_700_000_000_000, 3000)).map(parseRtpPacket);
    expect(packets.length).toBeGreaterThan(2);
    expect(packets.map((p) => p.sequenceNumber).slice(0, 3)).toEqual([65535, 0, 1]);
    expect(packets.every((p) => p.payloadType === 102 && p.ssrc === 0x1234)).toBe(true);
    expect(packets.map((p) => p.marker)).toEqual(packets.map((_, i) => i === packets.length - 1));
    expect(packets.every((p) => p.payload.length <= MAX_RTP_PAYLOAD)).toBe(true);
    // First packet: STAP-A with SPS and PPS.
    expect((packets[0]?.payload[0] ?? 0) & 0x1f).toBe(24);
    const plain = sender.packets(frame(false, 3600, 1_700_000_000_040)).map(parseRtpPacket);
    expect(plain).toHaveLength(1);
    expect((plain[0]?.payload[0] ?? 0) & 0x1f).toBe(1);
  });

  it('carries the camera wall clock at 90 kHz, advancing with the stream time', () => {
    const sender = new H264RtpSender(1, 96, 0);
    sender.setParams({ codec: 'h264', sps, pps });
    const wall = 1_700_000_000_000;
    const [a] = sender.packets(frame(true, 90_000, wall)).map(parseRtpPacket);
    const [b] = sender.packets(frame(false, 93_600, wall + 40)).map(parseRtpPacket);
    expect(a?.timestamp).toBe((wall * 90) % 2 ** 32);
    expect(((b?.timestamp ?? 0) - (a?.timestamp ?? 0)) >>> 0).toBe(3600);
    // A new connection (pts restarts) re-anchors on the wall clock, still moving forward.
    sender.setParams({ codec: 'h264', sps, pps });
    const [c] = sender.packets(frame(true, 0, wall + 5000)).map(parseRtpPacket);
    expect(c?.timestamp).toBe(((wall + 5000) * 90) % 2 ** 32);
  });
});
