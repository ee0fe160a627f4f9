/**
 * H.265 RTP depacketizer (RFC 7798, sprop-max-don-diff 0 so no DONL): single NAL unit packets,
 * aggregation packets (AP) and fragmentation units (FU). Produces access units with key-frame
 * detection (IRAP, NAL types 16-23) and keeps the latest VPS, SPS and PPS, from the SDP or
 * in-band. Never throws on packet content (see `RtpVideoDepacketizer`).
 */
import { RtpVideoDepacketizer, type DepacketizerOptions } from '../rtp/video-depacketizer.ts';
import type { H265Params } from '../types.ts';

const AP = 48;
const FU = 49;
const PACI = 50;

/** Options of `H265Depacketizer`. */
export interface H265DepacketizerOptions extends DepacketizerOptions {
  /** Parameter sets from the SDP, replaced by in-band ones as they arrive. */
  params?: H265Params;
}

/** The NAL unit type (6 bits) of the H.265 NAL unit starting at `at`. */
export function h265NalType(nal: Uint8Array, at = 0): number {
  return ((nal[at] ?? 0) >> 1) & 0x3f;
}

/** RTP payloads in, H.265 access units out. */
export class H265Depacketizer extends RtpVideoDepacketizer {
  readonly codec = 'h265' as const;
  private vps: Uint8Array | undefined;
  private sps: Uint8Array | undefined;
  private pps: Uint8Array | undefined;

  constructor(options: H265DepacketizerOptions = {}) {
    super(options);
    this.vps = options.params?.vps;
    this.sps = options.params?.sps;
    this.pps = options.params?.pps;
  }

  /** The latest VPS, SPS and PPS seen (SDP or in-band), or undefined until all are known. */
  get parameterSets(): H265Params | undefined {
    if (this.vps === undefined || this.sps === undefined || this.pps === undefined) {
      return undefined;
    }
    return { codec: 'h265', vps: this.vps, sps: this.sps, pps: this.pps };
  }

  protected depacketize(data: Uint8Array, start: number, end: number): void {
    if (end - start < 3) {
      this.malformed(`H.265 payload of ${end - start} bytes is shorter than 3`);
      return;
    }
    const type = h265NalType(data, start);
    if (type < AP) this.addNal(data, start, end);
    else if (type === AP) this.aggregation(data, start, end);
    else if (type === FU) this.fragmentationUnit(data, start, end);
    else if (type === PACI) this.unsupported('H.265 PACI packets are not supported');
    else this.ignored(`H.265 packet of reserved type ${type} ignored`);
  }

  private aggregation(data: Uint8Array, start: number, end: number): void {
    let at = start + 2;
    while (at < end) {
      if (at + 2 > end) {
        this.malformed('AP ends inside a NAL unit size');
        return;
      }
      const size = ((data[at] ?? 0) << 8) | (data[at + 1] ?? 0);
      if (size < 2 || at + 2 + size > end) {
        this.malformed(`AP NAL unit of ${size} bytes does not fit the packet`);
        return;
      }
      this.addNal(data, at + 2, at + 2 + size);
      at += 2 + size;
    }
  }

  private fragmentationUnit(data: Uint8Array, start: number, end: number): void {
    if (end - start < 4) {
      this.malformed(`FU of ${end - start} bytes has no data`);
      return;
    }
    const fuHeader = data[start + 2] ?? 0;
    const first = (fuHeader & 0x80) !== 0;
    const last = (fuHeader & 0x40) !== 0;
    const type = fuHeader & 0x3f;
    if (type >= AP) {
      this.malformed(`FU carries NAL unit type ${type}`);
      return;
    }
    if (first) {
      const header = ((((data[start] ?? 0) & 0x81) | (type << 1)) << 8) | (data[start + 1] ?? 0);
      this.startFragment(header, 2, data, start + 3, end);
      if (last) this.continueFragment(data, end, end, true);
    } else {
      this.continueFragment(data, start + 3, end, last);
    }
  }

  protected isKeyNal(data: Uint8Array, start: number): boolean {
    const t = h265NalType(data, start);
    return t >= 16 && t <= 23;
  }

  protected isVclNal(data: Uint8Array, start: number): boolean {
    return h265NalType(data, start) < 32;
  }

  /** first_slice_segment_in_pic_flag is the first bit after the two-byte header. */
  protected startsPicture(data: Uint8Array, start: number, end: number): boolean {
    return end - start > 2 && ((data[start + 2] ?? 0) & 0x80) !== 0;
  }

  protected observeNal(data: Uint8Array, start: number, end: number): void {
    const t = h265NalType(data, start);
    if (t === 32) this.vps = this.retained(this.vps, data, start, end);
    else if (t === 33) this.sps = this.retained(this.sps, data, start, end);
    else if (t === 34) this.pps = this.retained(this.pps, data, start, end);
  }
}
