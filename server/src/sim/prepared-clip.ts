/**
 * A clip packetised once into RTP, ready to be replayed by any number of sessions. Each frame's
 * packets are laid out contiguously in their RTSP interleaved form (`$`, channel, length, RTP
 * header, payload) with a template header (sequence 0.., timestamp 0, SSRC 0, marker on the last
 * packet); sending a frame is one copy plus a patch of channel, sequence, timestamp and SSRC per
 * packet (`stampFrame`), and one socket write.
 */
import type { CodecParams } from '../media/index.ts';
import type { ClipPictures } from './clip-pictures.ts';
import type { ClipSpec } from './clip-spec.ts';
import { gopFrames } from './clip-spec.ts';
import { packetizerFor } from './packetizers.ts';

/** The dynamic RTP payload type used for video. */
export const VIDEO_PAYLOAD_TYPE = 96;
/** Largest RTP payload: keeps RTP over UDP/IP under a 1500-byte MTU. */
export const DEFAULT_MAX_PAYLOAD = 1400;
/** The RTP clock of video. */
export const VIDEO_CLOCK_RATE = 90_000;

const INTERLEAVE_HEADER = 4;
const RTP_HEADER = 12;

/** One picture, packetised. */
export interface PreparedFrame {
  /** The frame's interleaved RTP packets, back to back, with template headers. */
  wire: Buffer;
  /** Offset in `wire` of each packet's `$`. */
  offsets: number[];
  /** True for a key frame (parameter sets and IDR/IRAP). */
  isKey: boolean;
  /** Sum of the RTP payload sizes (what an RTCP sender report's octet count counts). */
  payloadBytes: number;
}

/** A whole clip, packetised, with what a session needs to describe and pace it. */
export interface PreparedClip {
  spec: ClipSpec;
  params: CodecParams;
  frames: PreparedFrame[];
  /** RTP ticks between frames (90 kHz clock). */
  frameTicks: number;
  /** Milliseconds between frames. */
  frameMs: number;
  /** Frames between key frames. */
  gopFrames: number;
}

/** Lays out one frame's RTP payloads as interleaved packets with template headers. */
export function prepareFrame(payloads: readonly Uint8Array[], isKey: boolean): PreparedFrame {
  let total = 0;
  let payloadBytes = 0;
  for (const p of payloads) {
    total += INTERLEAVE_HEADER + RTP_HEADER + p.length;
    payloadBytes += p.length;
  }
  const wire = Buffer.alloc(total);
  const offsets: number[] = [];
  let o = 0;
  payloads.forEach((p, i) => {
    offsets.push(o);
    const last = i === payloads.length - 1;
    wire[o] = 0x24;
    wire.writeUInt16BE(RTP_HEADER + p.length, o + 2);
    wire[o + 4] = 0x80; // V=2, no padding, no extension, no CSRC
    wire[o + 5] = (last ? 0x80 : 0) | VIDEO_PAYLOAD_TYPE;
    wire.writeUInt16BE(i, o + 6);
    wire.set(p, o + INTERLEAVE_HEADER + RTP_HEADER);
    o += INTERLEAVE_HEADER + RTP_HEADER + p.length;
  });
  return { wire, offsets, isKey, payloadBytes };
}

/** Packetises every picture of a clip once. */
export function prepareClip(
  spec: ClipSpec,
  clip: ClipPictures,
  maxPayload = DEFAULT_MAX_PAYLOAD,
): PreparedClip {
  const packetize = packetizerFor(spec.codec);
  const frames = clip.pictures.map((pic) =>
    prepareFrame(packetize(pic.nalus, maxPayload), pic.isKey),
  );
  return {
    spec,
    params: clip.params,
    frames,
    frameTicks: Math.round(VIDEO_CLOCK_RATE / spec.fps),
    frameMs: 1000 / spec.fps,
    gopFrames: gopFrames(spec),
  };
}

/** Where a session stands in its RTP stream when it sends a frame. */
export interface StampParams {
  channel: number;
  /** Sequence number of the frame's first packet (wraps at 16 bits). */
  firstSeq: number;
  timestamp: number;
  ssrc: number;
}

/**
 * A copy of a frame's packets with the session's channel, sequence numbers, timestamp and SSRC
 * written in. The copy is the session's to keep (sockets write it later).
 */
export function stampFrame(frame: PreparedFrame, p: StampParams): Buffer {
  const out = Buffer.allocUnsafe(frame.wire.length);
  frame.wire.copy(out);
  const ts = p.timestamp >>> 0;
  const ssrc = p.ssrc >>> 0;
  for (let i = 0; i < frame.offsets.length; i++) {
    const o = frame.offsets[i] ?? 0;
    out[o + 1] = p.channel;
    out.writeUInt16BE((p.firstSeq + i) & 0xffff, o + 6);
    out.writeUInt32BE(ts, o + 8);
    out.writeUInt32BE(ssrc, o + 12);
  }
  return out;
}

/**
 * Damages about `fraction` of a stamped frame's packets the way a faulty camera or network path
 * does: the RTP header's version bits are cleared (a packet no RTP parser can accept) and random
 * bytes of the payload are overwritten (keeping its first two bytes, the NAL or fragment header).
 * A receiver sees malformed packets, drops the pictures they belong to and counts the loss.
 * Returns how many packets were damaged.
 */
export function corruptStamped(
  stamped: Buffer,
  frame: PreparedFrame,
  fraction: number,
  random: () => number = Math.random,
): number {
  let damaged = 0;
  for (const o of frame.offsets) {
    if (random() >= fraction) continue;
    const size = stamped.readUInt16BE(o + 2) - RTP_HEADER;
    const start = o + INTERLEAVE_HEADER + RTP_HEADER + 2;
    const span = size - 2;
    if (span <= 0) continue;
    const rtpFirst = o + INTERLEAVE_HEADER;
    stamped[rtpFirst] = (stamped[rtpFirst] ?? 0) & 0x3f;
    const count = Math.max(1, Math.round(span / 64));
    for (let k = 0; k < count; k++)
      stamped[start + Math.floor(random() * span)] = Math.floor(random() * 256);
    damaged++;
  }
  return damaged;
}
