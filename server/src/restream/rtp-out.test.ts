import { describe, expect, it } from 'vitest';
import { FakeClock } from '../app/index.ts';
import type { StreamEvent, StreamInfo } from '../ingest/index.ts';
import { H264Depacketizer, parseRtpPacket } from '../media/index.ts';
import { RtpOut, type RtpSink } from './rtp-out.ts';

const sps = Uint8Array.of(0x67, 0x42, 0xc0, 0x1e, 0xd9, 0x00);
const pps = Uint8Array.of(0x68, 0xce, 0x3c, 0x80);
const info: StreamInfo = {
  params: { codec: 'h264', sps, pps },
  width: 320,
  height: 180,
  codecString: 'avc1.42C01E',
};

function frame(pts90k: number, isKey: boolean, size = 3000): StreamEvent {
  const nal = new Uint8Array(size).fill(0x88); // first_mb_in_slice 0: a picture's first slice
  nal[0] = isKey ? 0x65 : 0x41;
  return {
    type: 'frame',
    frame: { codec: 'h264', nalus: [nal], rtpTimestamp: 0, isKey, pts90k, wallMs: 1000 + pts90k },
  };
}

class Sink implements RtpSink {
  chunks: Uint8Array[] = [];
  writableLength = 0;
  write(chunk: Uint8Array): boolean {
    this.chunks.push(chunk);
    return true;
  }
}

/** The RTP packets of interleaved channel 0 in what was written. */
function rtpPackets(sink: Sink) {
  const all = Buffer.concat(sink.chunks);
  const out = [];
  for (let at = 0; at < all.length;) {
    const channel = all[at + 1];
    const len = all.readUInt16BE(at + 2);
    if (channel === 0) out.push(parseRtpPacket(all.subarray(at + 4, at + 4 + len)));
    at += 4 + len;
  }
  return out;
}

function out(sink: Sink, onTooSlow: () => void = () => undefined) {
  return new RtpOut({
    sink,
    clock: new FakeClock(0),
    channel: 0,
    ssrc: 0x1234,
    firstSeq: 65534,
    baseTimestamp: 2 ** 32 - 1000,
    params: info.params,
    softLimitBytes: 10_000,
    hardLimitBytes: 100_000,
    onTooSlow,
  });
}

describe('RtpOut', () => {
  it('starts at a key frame with its parameter sets, and RTP time follows pts', () => {
    const sink = new Sink();
    const o = out(sink);
    o.onEvent({ type: 'started', info, atMs: 0 });
    o.onEvent(frame(0, true)); // before PLAY: not sent
    o.play();
    o.onEvent(frame(3600, false)); // not a key frame: waited past
    o.onEvent(frame(7200, true));
    o.onEvent(frame(10800, false));
    const packets = rtpPackets(sink);
    const depay = new H264Depacketizer();
    const units = packets.flatMap((p) => depay.push(p).accessUnits.map((u) => ({ ...u })));
    expect(units.map((u) => u.isKey)).toEqual([true, false]);
    expect(units[0]?.nalus.map((n) => (n[0] ?? 0) & 0x1f)).toEqual([7, 8, 5]);
    expect(packets[0]?.timestamp).toBe(2 ** 32 - 1000);
    expect(packets.at(-1)?.timestamp).toBe((2 ** 32 - 1000 + 3600) % 2 ** 32);
    expect(packets.map((p) => p.sequenceNumber).slice(0, 3)).toEqual([65534, 65535, 0]);
    expect(o.bytesSent).toBe(Buffer.concat(sink.chunks).length);
  });

  it('keeps RTP time rising across a new timeline of the camera', () => {
    const sink = new Sink();
    const o = out(sink);
    o.play();
    o.onEvent(frame(90_000, true));
    o.onEvent({ type: 'stopped', cause: 'offline', atMs: 0, message: '' });
    o.onEvent({ type: 'started', info, atMs: 0 });
    o.onEvent(frame(0, true));
    const ts = rtpPackets(sink).map((p) => p.timestamp);
    // One frame at 90,000 then, after the camera's new timeline, 40 ms later (modulo 2^32).
    expect(((ts.at(-1) ?? 0) - (ts[0] ?? 0)) >>> 0).toBe(3600);
  });

  it('asks to skip past the soft limit and gives up past the hard limit', () => {
    const sink = new Sink();
    let slow = 0;
    const o = out(sink, () => slow++);
    o.play();
    expect(o.isBehind()).toBe(false);
    sink.writableLength = 50_000;
    expect(o.isBehind()).toBe(true);
    sink.writableLength = 200_000;
    o.onEvent(frame(0, true));
    o.onEvent(frame(3600, true));
    expect(slow).toBe(1);
    expect(sink.chunks).toEqual([]);
  });
});
