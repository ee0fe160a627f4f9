/**
 * H.264 RTP depacketizer (RFC 6184): single NAL unit packets, STAP-A and FU-A (packetization
 * modes 0 and 1; a camera announcing mode 0 that still aggregates or fragments is accepted).
 * Produces access units with key-frame detection (IDR, NAL type 5) and keeps the latest SPS and
 * PPS, from the SDP or in-band. Never throws on packet content (see `RtpVideoDepacketizer`).
 */
import { RtpVideoDepacketizer, type DepacketizerOptions } from '../rtp/video-depacketizer.ts';
import type { H264Params } from '../types.ts';

const STAP_A = 24;
const FU_A = 28;

/** Options of `H264Depacketizer`. */
export interface H264DepacketizerOptions extends DepacketizerOptions {
  /** Parameter sets from the SDP, replaced by in-band ones as they arrive. */
  params?: H264Params;
}

/** The NAL unit type (5 bits) of an H.264 NAL unit. */
export function h264NalType(nal: Uint8Array): number {
  return (nal[0] ?? 0) & 0x1f;
}

/** RTP payloads in, H.264 access units out. */
export class H264Depacketizer extends RtpVideoDepacketizer {
  readonly codec = 'h264' as const;
  private sps: Uint8Array | undefined;
  private pps: Uint8Array | undefined;

  constructor(options: H264DepacketizerOptions = {}) {
    super(options);
    this.sps = options.params?.sps;
    this.pps = options.params?.pps;
  }

  /** The latest SPS and PPS seen (SDP or in-band), or undefined until both are known. */
  get parameterSets(): H264Params | undefined {
    if (this.sps === undefined || this.pps === undefined) return undefined;
    return { codec: 'h264', sps: this.sps, pps: this.pps };
  }

  protected depacketize(payload: Uint8Array): void {
    const type = h264NalType(payload);
    if (type >= 1 && type <= 23) {
      this.addNal(payload);
    } else if (type === STAP_A) {
      this.stapA(payload);
    } else if (type === FU_A) {
      this.fuA(payload);
    } else if (type === 25 || type === 26 || type === 27 || type === 29) {
      this.unsupported(`H.264 packet type ${type} (interleaved mode) is not supported`);
    } else {
      this.ignored(`H.264 packet of reserved type ${type} ignored`);
    }
  }

  private stapA(payload: Uint8Array): void {
    let at = 1;
    if (payload.length < 4) {
      this.malformed(`STAP-A of ${payload.length} bytes holds no NAL unit`);
      return;
    }
    while (at < payload.length) {
      if (at + 2 > payload.length) {
        this.malformed('STAP-A ends inside a NAL unit size');
        return;
      }
      const size = ((payload[at] ?? 0) << 8) | (payload[at + 1] ?? 0);
      if (size === 0 || at + 2 + size > payload.length) {
        this.malformed(`STAP-A NAL unit of ${size} bytes does not fit the packet`);
        return;
      }
      this.addNal(payload.subarray(at + 2, at + 2 + size));
      at += 2 + size;
    }
  }

  private fuA(payload: Uint8Array): void {
    if (payload.length < 3) {
      this.malformed(`FU-A of ${payload.length} bytes has no data`);
      return;
    }
    const fuHeader = payload[1] ?? 0;
    const start = (fuHeader & 0x80) !== 0;
    const end = (fuHeader & 0x40) !== 0;
    const type = fuHeader & 0x1f;
    if (type === 0 || type >= 24) {
      this.malformed(`FU-A carries NAL unit type ${type}`);
      return;
    }
    const data = payload.subarray(2);
    if (start) {
      this.startFragment(new Uint8Array([((payload[0] ?? 0) & 0xe0) | type]), data);
      if (end) this.continueFragment(new Uint8Array(0), true);
    } else {
      this.continueFragment(data, end);
    }
  }

  protected isKeyNal(nal: Uint8Array): boolean {
    return h264NalType(nal) === 5;
  }

  protected isVclNal(nal: Uint8Array): boolean {
    const t = h264NalType(nal);
    return t >= 1 && t <= 5;
  }

  /** first_mb_in_slice is ue(v) right after the header; it is 0 exactly when the bit is 1. */
  protected startsPicture(nal: Uint8Array): boolean {
    return nal.length > 1 && ((nal[1] ?? 0) & 0x80) !== 0;
  }

  protected observeNal(nal: Uint8Array): void {
    const t = h264NalType(nal);
    if (t === 7) this.sps = this.retained(this.sps, nal);
    else if (t === 8) this.pps = this.retained(this.pps, nal);
  }
}
