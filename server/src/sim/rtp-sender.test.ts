import { describe, expect, it } from 'vitest';
import { FakeClock } from '../app/clock.ts';
import { RtspStreamParser } from '../media/rtsp/index.ts';
import { parseRtpPacket } from '../media/rtp/packet.ts';
import { normaliseClip } from './clip-spec.ts';
import { CameraFaults } from './faults.ts';
import { Mount } from './mount.ts';
import { Pacer } from './pacer.ts';
import type { PreparedClip } from './prepared-clip.ts';
import { prepareFrame } from './prepared-clip.ts';
import type { FrameSink } from './rtp-sender.ts';
import { RtpSender } from './rtp-sender.ts';

/** A 4-frame clip (GOP 2): key, delta, key, delta; frame i has i+1 packets of 100 bytes. */
function tinyClip(): PreparedClip {
  const spec = normaliseClip({
    codec: 'h264',
    width: 16,
    height: 16,
    gopSeconds: 0.08,
    loopSeconds: 0.16,
  });
  const frames = [0, 1, 2, 3].map((i) =>
    prepareFrame(
      Array.from({ length: i + 1 }, (_, j) => new Uint8Array(100).fill(i * 16 + j)),
      i % 2 === 0,
    ),
  );
  return {
    spec,
    params: {
      codec: 'h264',
      sps: new Uint8Array([0x67, 0x42, 0, 10]),
      pps: new Uint8Array([0x68, 1]),
    },
    frames,
    frameTicks: 3600,
    frameMs: 40,
    gopFrames: 2,
  };
}

/** A sink that keeps what it is given, parsed; `backlog` plays the socket's unsent bytes. */
class RecordingSink implements FrameSink {
  backlog = 0;
  readonly parser = new RtspStreamParser();
  readonly rtp: ReturnType<typeof parseRtpPacket>[] = [];
  readonly rtcp: Uint8Array[] = [];
  write(data: Uint8Array): boolean {
    for (const item of this.parser.push(data)) {
      if (item.kind !== 'interleaved') continue;
      if (item.channel === 4) this.rtp.push(parseRtpPacket(item.payload));
      else this.rtcp.push(item.payload);
    }
    return true;
  }
  get writableLength(): number {
    return this.backlog;
  }
}

function setup(opts: { soft?: number; hard?: number } = {}) {
  const clock = new FakeClock();
  const pacer = new Pacer(clock);
  const mount = new Mount('cam', 'cam', tinyClip(), new CameraFaults());
  const sink = new RecordingSink();
  let dropped = 0;
  const sender = new RtpSender({
    mount,
    clock,
    pacer,
    sink,
    rtpChannel: 4,
    ssrc: 0x1234,
    firstSeq: 65534,
    baseTimestamp: 2 ** 32 - 3600,
    senderReportMs: 1000,
    softLimitBytes: opts.soft,
    hardLimitBytes: opts.hard,
    onTooSlow: () => void dropped++,
  });
  return { clock, mount, sink, sender, dropped: () => dropped };
}

describe('RtpSender', () => {
  it('sends one frame per 40 ms with wrapping sequence numbers and timestamps', () => {
    const { clock, sink, sender, mount } = setup();
    sender.start();
    clock.advance(0);
    expect(sink.rtp).toHaveLength(1);
    clock.advance(40 * 5);
    // Frames 0..5 (clip loops after 4): 1+2+3+4+1+2 packets.
    expect(sink.rtp).toHaveLength(13);
    expect(sink.rtp.map((p) => p.sequenceNumber).slice(0, 4)).toEqual([65534, 65535, 0, 1]);
    const stamps = [...new Set(sink.rtp.map((p) => p.timestamp))];
    expect(stamps).toEqual([2 ** 32 - 3600, 0, 3600, 7200, 10800, 14400]);
    expect(sink.rtp.filter((p) => p.marker)).toHaveLength(6);
    expect(sink.rtp.every((p) => p.ssrc === 0x1234 && p.payloadType === 96)).toBe(true);
    expect(mount.stats.framesSent).toBe(6);
    expect(sink.rtcp).toHaveLength(1);
  });

  it('skips to the next key frame when the client falls behind, and drops it past the hard limit', () => {
    const { clock, sink, sender, mount, dropped } = setup({ soft: 1000, hard: 5000 });
    sender.start();
    clock.advance(0); // frame 0 sent
    sink.backlog = 2000;
    clock.advance(80); // frames 1, 2 skipped
    sink.backlog = 0;
    clock.advance(40); // frame 3 is not a key frame: skipped
    clock.advance(40); // frame 0 (key) of the next loop: sent
    expect(mount.stats.framesSkipped).toBe(3);
    expect(mount.stats.framesSent).toBe(2);
    expect(sink.rtp.at(-1)?.payload[0]).toBe(0);
    sink.backlog = 6000;
    clock.advance(40);
    expect(dropped()).toBe(1);
    expect(mount.stats.slowClientsDropped).toBe(1);
    clock.advance(400);
    expect(mount.stats.framesSent).toBe(2);
  });
});
