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

/** The NAL unit type (5 bits) of the H.264 NAL unit starting at `at`. */
export function h264NalType(nal: Uint8Array, at = 0): number {
  return (nal[at] ?? 0) & 0x1f;
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

  protected depacketize(data: Uint8Array, start: number, end: number): void {
    const type = h264NalType(data, start);
    if (type >= 1 && type <= 23) {
      this.addNal(data, start, end);
    } else if (type === STAP_A) {
      this.stapA(data, start, end);
    } else if (type === FU_A) {
      this.fuA(data, start, end);
    } else if (type === 25 || type === 26 || type === 27 || type === 29) {
      this.unsupported(`H.264 packet type ${type} (interleaved mode) is not supported`);
    } else {
      this.ignored(`H.264 packet of reserved type ${type} ignored`);
    }
  }

  private stapA(data: Uint8Array, start: number, end: number): void {
    if (end - start < 4) {
      this.malformed(`STAP-A of ${end - start} bytes holds no NAL unit`);
      return;
    }
    let at = start + 1;
    while (at < end) {
      if (at + 2 > end) {
        this.malformed('STAP-A ends inside a NAL unit size');
        return;
      }
      const size = ((data[at] ?? 0) << 8) | (data[at + 1] ?? 0);
      if (size === 0 || at + 2 + size > end) {
        this.malformed(`STAP-A NAL unit of ${size} bytes does not fit the packet`);
        return;
      }
      this.addNal(data, at + 2, at + 2 + size);
      at += 2 + size;
    }
  }

  private fuA(data: Uint8Array, start: number, end: number): void {
    if (end - start < 3) {
      this.malformed(`FU-A of ${end - start} bytes has no data`);
      return;
    }
    const fuHeader = data[start + 1] ?? 0;
    const first = (fuHeader & 0x80) !== 0;
    const last = (fuHeader & 0x40) !== 0;
    const type = fuHeader & 0x1f;
    if (type === 0 || type >= 24) {
      this.malformed(`FU-A carries NAL unit type ${type}`);
      return;
    }
    if (first) {
      this.startFragment(((data[start] ?? 0) & 0xe0) | type, 1, data, start + 2, end);
      if (last) this.continueFragment(data, end, end, true);
    } else {
      this.continueFragment(data, start + 2, end, last);
    }
  }

  protected isKeyNal(data: Uint8Array, start: number): boolean {
    return h264NalType(data, start) === 5;
  }

  protected isVclNal(data: Uint8Array, start: number): boolean {
    const t = h264NalType(data, start);
    return t >= 1 && t <= 5;
  }

  /** first_mb_in_slice is ue(v) right after the header; it is 0 exactly when the bit is 1. */
  protected startsPicture(data: Uint8Array, start: number, end: number): boolean {
    return end - start > 1 && ((data[start + 1] ?? 0) & 0x80) !== 0;
  }

  protected observeNal(data: Uint8Array, start: number, end: number): void {
    const t = h264NalType(data, start);
    if (t === 7) this.sps = this.retained(this.sps, data, start, end);
    else if (t === 8) this.pps = this.retained(this.pps, data, start, end);
  }
}
