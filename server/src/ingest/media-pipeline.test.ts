import { describe, expect, it } from 'vitest';
import { packetizeH264 } from '../media/h264/packetizer.ts';
import { writeRtpPacket } from '../media/rtp/packet.ts';
import { writeSenderReport } from '../media/rtp/rtcp.ts';
import type { H264Params } from '../media/types.ts';
import { MediaPipeline } from './media-pipeline.ts';
import type { StreamEvent } from './types.ts';

/** Real SPS/PPS of 320x180 and 640x360 streams (from the simulator's ffmpeg clips). */
const P180: H264Params = {
  codec: 'h264',
  sps: Buffer.from('6742c00cda05067e7c0440000003004000000c83c50aa8', 'hex'),
  pps: Buffer.from('68ce3c80', 'hex'),
};
const P360: H264Params = {
  codec: 'h264',
  sps: Buffer.from('6742c01eda0280bfe5c044000003000400000300c83c58ba80', 'hex'),
  pps: Buffer.from('68ce3c80', 'hex'),
};
const T0 = Date.UTC(2026, 0, 1);

/**
 * A camera sending frames: `send(i, nalus)` packetizes and feeds one access unit. Slices start
 * with first_mb_in_slice = 0 (a '1' bit) so that each is the start of a picture.
 */
function camera(
  sdpParams?: H264Params,
  opts: { lendFrames?: boolean; onEvent?: (e: StreamEvent) => void } = {},
) {
  const events: StreamEvent[] = [];
  const pipeline = new MediaPipeline(
    { codec: 'h264', payloadType: 96, sdpParams, lendFrames: opts.lendFrames ?? false },
    (e) => {
      opts.onEvent?.(e);
      events.push(e);
    },
  );
  let seq = 65_530; // crosses the 16-bit wrap
  const send = (i: number, nalus: Uint8Array[], opts: { skipSeq?: boolean } = {}) => {
    const payloads = packetizeH264(nalus, 1200);
    payloads.forEach((payload, k) => {
      if (opts.skipSeq && k === 0) seq++;
      const rtp = writeRtpPacket({
        marker: k === payloads.length - 1,
        payloadType: 96,
        sequenceNumber: seq++ & 0xffff,
        timestamp: (4_000_000_000 + i * 3600) >>> 0, // crosses the 32-bit wrap
        ssrc: 7,
        payload,
      });
      pipeline.rtp(rtp, T0 + i * 40 + 30, i * 40 + 30);
    });
  };
  const idr = (params?: H264Params) => [
    ...(params ? [params.sps, params.pps] : []),
    new Uint8Array([0x65, 0x88, ...new Array<number>(3000).fill(0x11)]),
  ];
  const p = () => [new Uint8Array([0x41, 0x9a, ...new Array<number>(500).fill(0x22)])];
  return { events, pipeline, send, idr, p };
}

const types = (events: StreamEvent[]) =>
  events.map((e) => (e.type === 'frame' ? (e.frame.isKey ? 'K' : 'P') : e.type));

describe('MediaPipeline', () => {
  it('lends frames when asked: their bytes are right while the event runs', () => {
    const during: string[] = [];
    const cam = camera(P180, {
      lendFrames: true,
      onEvent: (e) => {
        if (e.type === 'frame') during.push(Buffer.from(e.frame.nalus[0] ?? []).toString('hex'));
      },
    });
    cam.send(0, cam.idr());
    cam.send(1, cam.p());
    const frames = cam.events.flatMap((e) => (e.type === 'frame' ? [e.frame] : []));
    expect(frames.map((f) => f.lent)).toEqual([true, true]);
    expect(during).toEqual([
      Buffer.from(cam.idr()[0] ?? []).toString('hex'),
      Buffer.from(cam.p()[0] ?? []).toString('hex'),
    ]);
    const plain = camera(P180);
    plain.send(0, plain.idr());
    expect(plain.events.flatMap((e) => (e.type === 'frame' ? [e.frame.lent] : []))).toEqual([
      false,
    ]);
  });

  it('drops frames before the first key frame, then starts with the SDP parameters', () => {
    const cam = camera(P180);
    cam.send(0, cam.p());
    cam.send(1, cam.p());
    cam.send(2, cam.idr());
    cam.send(3, cam.p());
    expect(types(cam.events)).toEqual(['started', 'K', 'P']);
    const started = cam.events[0];
    expect(started?.type === 'started' && [started.info.width, started.info.height]).toEqual([
      320, 180,
    ]);
    expect(started?.type === 'started' && started.info.codecString).toBe('avc1.42c00c');
    const frames = cam.events.filter((e) => e.type === 'frame');
    expect(frames.map((e) => e.type === 'frame' && e.frame.pts90k)).toEqual([0, 3600]);
    expect(cam.pipeline.droppedFrames).toBe(2);
  });

  it('starts from in-band parameter sets when the SDP has none, and reports a change', () => {
    const cam = camera();
    cam.send(0, cam.idr()); // no parameter sets known: cannot start
    cam.send(1, cam.idr(P180));
    cam.send(2, cam.p());
    cam.send(3, cam.idr(P180)); // same again: nothing to report
    cam.send(4, cam.idr(P360));
    cam.send(5, cam.p());
    expect(types(cam.events)).toEqual(['started', 'K', 'P', 'K', 'info-changed', 'K', 'P']);
    const changed = cam.events[4];
    expect(changed?.type === 'info-changed' && [changed.info.width, changed.info.height]).toEqual([
      640, 360,
    ]);
  });

  it('turns a lost packet into one stopped (loss), resuming at the next key frame with pts 0', () => {
    const cam = camera(P180);
    cam.send(0, cam.idr());
    cam.send(1, cam.p());
    cam.send(2, cam.p(), { skipSeq: true });
    cam.send(3, cam.p());
    cam.send(4, cam.idr());
    cam.send(5, cam.p());
    expect(types(cam.events)).toEqual(['started', 'K', 'P', 'stopped', 'started', 'K', 'P']);
    expect(cam.events[3]).toMatchObject({
      type: 'stopped',
      cause: 'loss',
      message: '1 RTP packet(s) lost',
    });
    const resumed = cam.events[5];
    expect(resumed?.type === 'frame' && resumed.frame.pts90k).toBe(0);
    expect(cam.pipeline.counters.packetsLost).toBe(1);
  });

  it('treats a malformed RTP packet and a malformed SPS at a key frame as loss', () => {
    const cam = camera(P180);
    cam.send(0, cam.idr());
    cam.pipeline.rtp(new Uint8Array([0x80, 0x60]), T0, 0);
    cam.send(1, cam.idr());
    const badSps = new Uint8Array([0x67, 0xff, 0xff, 0xff]);
    cam.send(2, [badSps, P180.pps, new Uint8Array([0x65, 0x88, 2, 3])]);
    expect(types(cam.events)).toEqual(['started', 'K', 'stopped', 'started', 'K', 'stopped']);
    expect(cam.events[2]).toMatchObject({ cause: 'loss' });
    expect(cam.events[2]?.type === 'stopped' && cam.events[2].message).toMatch(
      /^malformed RTP packet/,
    );
    expect(cam.events[5]).toMatchObject({
      cause: 'loss',
      message: 'the camera sent a malformed SPS',
    });
  });

  it('takes wall time from RTCP sender reports of the stream', () => {
    const cam = camera(P180);
    const ts0 = 4_000_000_000;
    // The camera says frame 0 was captured at T0 - 5 ms.
    cam.pipeline.rtcp(
      writeSenderReport({
        ssrc: 7,
        wallMs: T0 - 5,
        rtpTimestamp: ts0,
        packetCount: 0,
        octetCount: 0,
      }),
      T0,
    );
    cam.send(0, cam.idr());
    cam.send(1, cam.p());
    const frames = cam.events.filter((e) => e.type === 'frame');
    expect(frames.map((e) => e.type === 'frame' && e.frame.wallMs)).toEqual([T0 - 5, T0 + 35]);
    expect(cam.pipeline.counters.wallSource).toBe('sender-report');
  });
});
