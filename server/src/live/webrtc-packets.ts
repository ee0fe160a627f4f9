/**
 * The pure part of WebRTC sending: H.264 access units from the hub to RTP packets for the
 * browser, passed through without transcoding. Parameter sets go in front of every key frame
 * (a browser decoder has no out-of-band SPS/PPS), AUDs are dropped, NAL units are packetised
 * with STAP-A/FU-A (RFC 6184), and the RTP timestamp is the camera's wall clock at 90 kHz
 * (modulo 2^32), so that the page can tell a presented frame's capture time from
 * `requestVideoFrameCallback`'s `rtpTimestamp`.
 */
import { packetizeH264, writeRtpPacket } from '../media/index.ts';
import type { H264Params } from '../media/index.ts';
import type { TimedAccessUnit } from '../ingest/index.ts';

/** Largest RTP payload: fits a 1500-byte MTU after IP, UDP, SRTP and DTLS overheads. */
export const MAX_RTP_PAYLOAD = 1180;

/** Builds the RTP packets of one outgoing H.264 stream. */
export class H264RtpSender {
  private sequence: number;
  private anchor: { pts90k: number; ts: number } | undefined;
  private lastTs = 0;
  private params: H264Params | undefined;

  constructor(
    private readonly ssrc: number,
    private readonly payloadType: number,
    initialSequence = Math.floor(Math.random() * 0x10000),
  ) {
    this.sequence = initialSequence & 0xffff;
  }

  /** New parameter sets (stream started or changed); the timeline is re-anchored. */
  setParams(params: H264Params): void {
    this.params = params;
    this.anchor = undefined;
  }

  /** The packets for one frame, in order; the marker bit is on the last. */
  packets(frame: TimedAccessUnit): Uint8Array[] {
    if (this.anchor === undefined) {
      // Wall clock at 90 kHz, kept above the last timestamp sent so the browser's jitter
      // buffer never sees time step back across a reconnect.
      let ts = Math.round(frame.wallMs * 90) % 2 ** 32;
      if (this.lastTs !== 0 && (ts - this.lastTs) >>> 0 > 2 ** 31) ts = (this.lastTs + 3000) >>> 0;
      this.anchor = { pts90k: frame.pts90k, ts };
    }
    const timestamp = (this.anchor.ts + (frame.pts90k - this.anchor.pts90k)) >>> 0;
    this.lastTs = timestamp;
    const nalus = this.nalusOf(frame);
    if (nalus.length === 0) return [];
    const payloads = packetizeH264(nalus, MAX_RTP_PAYLOAD);
    return payloads.map((payload, i) =>
      writeRtpPacket({
        marker: i === payloads.length - 1,
        payloadType: this.payloadType,
        sequenceNumber: this.nextSequence(),
        timestamp,
        ssrc: this.ssrc,
        payload,
      }),
    );
  }

  private nalusOf(frame: TimedAccessUnit): Uint8Array[] {
    const out: Uint8Array[] = [];
    let hasSps = false;
    for (const nal of frame.nalus) {
      const type = (nal[0] ?? 0) & 0x1f;
      if (type === 9 || type === 0 || type >= 24) continue;
      if (type === 7) hasSps = true;
      out.push(nal);
    }
    if (frame.isKey && !hasSps && this.params) out.unshift(this.params.sps, this.params.pps);
    return out;
  }

  private nextSequence(): number {
    const s = this.sequence;
    this.sequence = (this.sequence + 1) & 0xffff;
    return s;
  }
}
