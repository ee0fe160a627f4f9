/**
 * One re-stream session's video out: a hub subscriber that turns access units into RTP (RFC 6184
 * / RFC 7798) inside RTSP interleaved frames on the client's TCP (or TLS) connection, with an
 * RTCP sender report every five seconds. It starts at a key frame, sends the parameter sets
 * in-band before every key frame that lacks them (the stream may change resolution after the
 * SDP was written), and keeps RTP time rising across the camera's reconnections. A client that
 * reads too slowly is skipped to the next key frame (as live view does) past `softLimitBytes`
 * unsent, and closed past `hardLimitBytes`: memory never grows with a slow consumer.
 */
import type { Clock } from '../app/index.ts';
import type { HubSubscriber, StreamEvent, TimedAccessUnit } from '../ingest/index.ts';
import {
  packetizeH264,
  packetizeH265,
  writeInterleavedFrame,
  writeRtpPacket,
  writeSenderReport,
  type CodecParams,
} from '../media/index.ts';

/** The dynamic payload type of the one video track. */
export const VIDEO_PAYLOAD_TYPE = 96;
/** Largest RTP payload: fits an Ethernet MTU if the client relays it over UDP. */
const MAX_PAYLOAD = 1400;
const SENDER_REPORT_MS = 5000;
/** 40 ms at 90 kHz: the gap put between two timelines of the camera. */
const TIMELINE_GAP_90K = 3600;

/** Where the bytes go: the client's socket. */
export interface RtpSink {
  write(chunk: Uint8Array): boolean;
  /** Bytes written but not yet sent. */
  readonly writableLength: number;
}

/** How the track is sent. */
export interface RtpOutOptions {
  sink: RtpSink;
  clock: Clock;
  /** The interleaved channel of RTP; RTCP goes on the next one. */
  channel: number;
  ssrc: number;
  firstSeq: number;
  /** The RTP time of the first frame sent. */
  baseTimestamp: number;
  /** The codec parameters the SDP announced (sent in-band before key frames without them). */
  params: CodecParams;
  softLimitBytes: number;
  hardLimitBytes: number;
  /** Called once when the client is too slow to keep (the caller closes the connection). */
  onTooSlow(): void;
}

function isParameterSet(codec: CodecParams['codec'], nal: Uint8Array): boolean {
  const b0 = nal[0] ?? 0;
  if (codec === 'h264') return (b0 & 0x1f) === 7;
  return ((b0 >> 1) & 0x3f) === 33;
}

function paramNals(params: CodecParams): Uint8Array[] {
  return params.codec === 'h264' ? [params.sps, params.pps] : [params.vps, params.sps, params.pps];
}

/** Sends one camera stream to one client. */
export class RtpOut implements HubSubscriber {
  private playing = false;
  private waitingKey = true;
  private seq: number;
  /** Added to a frame's pts90k to get its RTP time (before `baseTimestamp`); set at first use. */
  private shift: number | undefined;
  private lastOut = 0;
  private rebase = false;
  private lastReportMs = Number.NEGATIVE_INFINITY;
  private params: CodecParams;
  private tooSlow = false;
  /** Bytes written to the client (RTP, RTCP and interleaving headers). */
  bytesSent = 0;
  packetsSent = 0;
  framesSent = 0;
  private payloadOctets = 0;

  constructor(private readonly opts: RtpOutOptions) {
    this.seq = opts.firstSeq & 0xffff;
    this.params = opts.params;
  }

  /** Starts sending at the next key frame (PLAY). */
  play(): void {
    this.playing = true;
    this.waitingKey = true;
  }

  /** Stops sending (PAUSE, TEARDOWN); a later `play` starts again at a key frame. */
  pause(): void {
    this.playing = false;
  }

  /** True while frames are being sent. */
  get isPlaying(): boolean {
    return this.playing;
  }

  isBehind(): boolean {
    return this.playing && this.opts.sink.writableLength > this.opts.softLimitBytes;
  }

  onEvent(event: StreamEvent): void {
    switch (event.type) {
      case 'started':
        this.params = event.info.params;
        this.rebase = this.shift !== undefined;
        this.waitingKey = true;
        return;
      case 'info-changed':
        this.params = event.info.params;
        return;
      case 'stopped':
        this.waitingKey = true;
        return;
      case 'frame':
        if (this.playing) this.send(event.frame);
    }
  }

  private rtpTime(frame: TimedAccessUnit): number {
    if (this.shift === undefined) this.shift = -frame.pts90k;
    else if (this.rebase || frame.pts90k + this.shift < this.lastOut) {
      this.shift = this.lastOut + TIMELINE_GAP_90K - frame.pts90k;
    }
    this.rebase = false;
    this.lastOut = frame.pts90k + this.shift;
    return (this.opts.baseTimestamp + this.lastOut) >>> 0;
  }

  private send(frame: TimedAccessUnit): void {
    if (this.tooSlow) return;
    if (this.waitingKey) {
      if (!frame.isKey) return;
      this.waitingKey = false;
    }
    if (this.opts.sink.writableLength > this.opts.hardLimitBytes) {
      this.tooSlow = true;
      this.opts.onTooSlow();
      return;
    }
    const codec = this.params.codec;
    let nalus = frame.nalus;
    if (frame.isKey && !nalus.some((n) => isParameterSet(codec, n))) {
      nalus = [...paramNals(this.params), ...nalus];
    }
    const payloads =
      codec === 'h264' ? packetizeH264(nalus, MAX_PAYLOAD) : packetizeH265(nalus, MAX_PAYLOAD);
    const timestamp = this.rtpTime(frame);
    const chunks: Uint8Array[] = [];
    payloads.forEach((payload, i) => {
      const packet = writeRtpPacket({
        marker: i === payloads.length - 1,
        payloadType: VIDEO_PAYLOAD_TYPE,
        sequenceNumber: this.seq,
        timestamp,
        ssrc: this.opts.ssrc,
        payload,
      });
      this.seq = (this.seq + 1) & 0xffff;
      this.packetsSent++;
      this.payloadOctets += payload.length;
      chunks.push(writeInterleavedFrame(this.opts.channel, packet));
    });
    const nowMs = this.opts.clock.monotonicMs();
    if (nowMs - this.lastReportMs >= SENDER_REPORT_MS) {
      this.lastReportMs = nowMs;
      const report = writeSenderReport({
        ssrc: this.opts.ssrc,
        wallMs: frame.wallMs,
        rtpTimestamp: timestamp,
        packetCount: this.packetsSent,
        octetCount: this.payloadOctets,
      });
      chunks.push(writeInterleavedFrame(this.opts.channel + 1, report));
    }
    const bytes = Buffer.concat(chunks);
    this.bytesSent += bytes.length;
    this.framesSent++;
    this.opts.sink.write(bytes);
  }
}
