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

/** The NAL unit type (6 bits) of an H.265 NAL unit. */
export function h265NalType(nal: Uint8Array): number {
  return ((nal[0] ?? 0) >> 1) & 0x3f;
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

  protected depacketize(payload: Uint8Array): void {
    if (payload.length < 3) {
      this.malformed(`H.265 payload of ${payload.length} bytes is shorter than 3`);
      return;
    }
    const type = h265NalType(payload);
    if (type < AP) this.addNal(payload);
    else if (type === AP) this.aggregation(payload);
    else if (type === FU) this.fragmentationUnit(payload);
    else if (type === PACI) this.unsupported('H.265 PACI packets are not supported');
    else this.ignored(`H.265 packet of reserved type ${type} ignored`);
  }

  private aggregation(payload: Uint8Array): void {
    let at = 2;
    while (at < payload.length) {
      if (at + 2 > payload.length) {
        this.malformed('AP ends inside a NAL unit size');
        return;
      }
      const size = ((payload[at] ?? 0) << 8) | (payload[at + 1] ?? 0);
      if (size < 2 || at + 2 + size > payload.length) {
        this.malformed(`AP NAL unit of ${size} bytes does not fit the packet`);
        return;
      }
      this.addNal(payload.subarray(at + 2, at + 2 + size));
      at += 2 + size;
    }
  }

  private fragmentationUnit(payload: Uint8Array): void {
    if (payload.length < 4) {
      this.malformed(`FU of ${payload.length} bytes has no data`);
      return;
    }
    const fuHeader = payload[2] ?? 0;
    const start = (fuHeader & 0x80) !== 0;
    const end = (fuHeader & 0x40) !== 0;
    const type = fuHeader & 0x3f;
    if (type >= AP) {
      this.malformed(`FU carries NAL unit type ${type}`);
      return;
    }
    const data = payload.subarray(3);
    if (start) {
      const header = new Uint8Array([((payload[0] ?? 0) & 0x81) | (type << 1), payload[1] ?? 0]);
      this.startFragment(header, data);
      if (end) this.continueFragment(new Uint8Array(0), true);
    } else {
      this.continueFragment(data, end);
    }
  }

  protected isKeyNal(nal: Uint8Array): boolean {
    const t = h265NalType(nal);
    return t >= 16 && t <= 23;
  }

  protected isVclNal(nal: Uint8Array): boolean {
    return h265NalType(nal) < 32;
  }

  /** first_slice_segment_in_pic_flag is the first bit after the two-byte header. */
  protected startsPicture(nal: Uint8Array): boolean {
    return nal.length > 2 && ((nal[2] ?? 0) & 0x80) !== 0;
  }

  protected observeNal(nal: Uint8Array): void {
    const t = h265NalType(nal);
    if (t === 32) this.vps = this.retained(this.vps, nal);
    else if (t === 33) this.sps = this.retained(this.sps, nal);
    else if (t === 34) this.pps = this.retained(this.pps, nal);
  }
}
