/**
 * RTP packets (RFC 3550 section 5.1): parse with every length checked, and write. The parsed
 * payload is a view into the input (no copy).
 */
import { RtpParseError } from './errors.ts';

/** A header extension (RFC 3550 section 5.3.1). */
export interface RtpExtension {
  /** The 16-bit profile-defined identifier (e.g. 0xBEDE for RFC 8285 one-byte headers). */
  profile: number;
  /** Extension data, a multiple of 4 bytes. */
  data: Uint8Array;
}

/** A parsed RTP packet. */
export interface RtpPacket {
  version: number;
  /** True when the packet had padding (already removed from `payload`). */
  padding: boolean;
  extension?: RtpExtension;
  csrcs: number[];
  marker: boolean;
  payloadType: number;
  /** 16-bit sequence number. */
  sequenceNumber: number;
  /** 32-bit timestamp, unsigned. */
  timestamp: number;
  /** 32-bit synchronisation source, unsigned. */
  ssrc: number;
  payload: Uint8Array;
}

const FIXED_HEADER = 12;

function u32(b: Uint8Array, at: number): number {
  return (
    (((b[at] ?? 0) << 24) |
      ((b[at + 1] ?? 0) << 16) |
      ((b[at + 2] ?? 0) << 8) |
      (b[at + 3] ?? 0)) >>>
    0
  );
}

/**
 * The fixed-header fields of an RTP packet and where its payload lies in the input: what the
 * ingest path reads from each packet, filled in place by `readRtpHeader` (no allocation).
 */
export interface RtpHeader {
  marker: boolean;
  payloadType: number;
  /** 16-bit sequence number. */
  sequenceNumber: number;
  /** 32-bit timestamp, unsigned. */
  timestamp: number;
  /** 32-bit synchronisation source, unsigned. */
  ssrc: number;
  /** The payload is `data[payloadStart, payloadEnd)`: after CSRCs and extension, before padding. */
  payloadStart: number;
  payloadEnd: number;
}

/** A header to fill with `readRtpHeader`. */
export function newRtpHeader(): RtpHeader {
  return {
    marker: false,
    payloadType: 0,
    sequenceNumber: 0,
    timestamp: 0,
    ssrc: 0,
    payloadStart: 0,
    payloadEnd: 0,
  };
}

/**
 * Reads the RTP packet `data[start, end)` into `out`, every length checked as `parseRtpPacket`
 * does; throws `RtpParseError` naming the inconsistency (then `out` is unspecified).
 */
export function readRtpHeader(data: Uint8Array, start: number, end: number, out: RtpHeader): void {
  const length = end - start;
  if (length < FIXED_HEADER) {
    throw new RtpParseError(`RTP packet of ${length} bytes is shorter than its 12-byte header`);
  }
  const b0 = data[start] ?? 0;
  const b1 = data[start + 1] ?? 0;
  const version = b0 >> 6;
  if (version !== 2) throw new RtpParseError(`RTP version ${version}, expected 2`);
  const csrcCount = b0 & 0x0f;
  let offset = start + FIXED_HEADER + 4 * csrcCount;
  if (offset > end) {
    throw new RtpParseError(`RTP packet of ${length} bytes is too short for ${csrcCount} CSRCs`);
  }
  if ((b0 & 0x10) !== 0) {
    if (offset + 4 > end) throw new RtpParseError('RTP packet too short for its header extension');
    const words = ((data[offset + 2] ?? 0) << 8) | (data[offset + 3] ?? 0);
    offset += 4 + 4 * words;
    if (offset > end) {
      throw new RtpParseError(`RTP header extension of ${words} words overruns the packet`);
    }
  }
  let payloadEnd = end;
  if ((b0 & 0x20) !== 0) {
    const count = data[end - 1] ?? 0;
    if (count === 0 || offset - start + count > length) {
      throw new RtpParseError(`invalid RTP padding count ${count}`);
    }
    payloadEnd -= count;
  }
  out.marker = (b1 & 0x80) !== 0;
  out.payloadType = b1 & 0x7f;
  out.sequenceNumber = ((data[start + 2] ?? 0) << 8) | (data[start + 3] ?? 0);
  out.timestamp = u32(data, start + 4);
  out.ssrc = u32(data, start + 8);
  out.payloadStart = offset;
  out.payloadEnd = payloadEnd;
}

/** Parses one RTP packet; throws `RtpParseError` naming the inconsistency. */
export function parseRtpPacket(bytes: Uint8Array): RtpPacket {
  const h = newRtpHeader();
  readRtpHeader(bytes, 0, bytes.length, h);
  const b0 = bytes[0] ?? 0;
  const csrcCount = b0 & 0x0f;
  const csrcs: number[] = [];
  for (let i = 0; i < csrcCount; i++) csrcs.push(u32(bytes, FIXED_HEADER + 4 * i));
  const packet: RtpPacket = {
    version: 2,
    padding: (b0 & 0x20) !== 0,
    csrcs,
    marker: h.marker,
    payloadType: h.payloadType,
    sequenceNumber: h.sequenceNumber,
    timestamp: h.timestamp,
    ssrc: h.ssrc,
    payload: bytes.subarray(h.payloadStart, h.payloadEnd),
  };
  if ((b0 & 0x10) !== 0) {
    const at = FIXED_HEADER + 4 * csrcCount;
    const profile = ((bytes[at] ?? 0) << 8) | (bytes[at + 1] ?? 0);
    const words = ((bytes[at + 2] ?? 0) << 8) | (bytes[at + 3] ?? 0);
    packet.extension = { profile, data: bytes.subarray(at + 4, at + 4 + 4 * words) };
  }
  return packet;
}

/** What to write. */
export interface RtpPacketInit {
  marker: boolean;
  payloadType: number;
  sequenceNumber: number;
  timestamp: number;
  ssrc: number;
  payload: Uint8Array;
  csrcs?: readonly number[];
  extension?: RtpExtension;
  /** Padding bytes to append (1-255), 0 or undefined for none. */
  paddingBytes?: number;
}

function putU32(out: Uint8Array, at: number, v: number): void {
  out[at] = (v >>> 24) & 0xff;
  out[at + 1] = (v >>> 16) & 0xff;
  out[at + 2] = (v >>> 8) & 0xff;
  out[at + 3] = v & 0xff;
}

/** Writes an RTP packet. Sequence number and timestamp are taken modulo 2^16 and 2^32. */
export function writeRtpPacket(init: RtpPacketInit): Uint8Array {
  const csrcs = init.csrcs ?? [];
  if (csrcs.length > 15) throw new RtpParseError(`${csrcs.length} CSRCs, at most 15 allowed`);
  if (!Number.isInteger(init.payloadType) || init.payloadType < 0 || init.payloadType > 127) {
    throw new RtpParseError(`payload type ${init.payloadType} outside 0-127`);
  }
  const ext = init.extension;
  if (ext !== undefined && (ext.data.length % 4 !== 0 || ext.data.length > 0x3fffc)) {
    throw new RtpParseError('RTP header extension data must be a multiple of 4 bytes, < 256 KiB');
  }
  const pad = init.paddingBytes ?? 0;
  if (!Number.isInteger(pad) || pad < 0 || pad > 255) {
    throw new RtpParseError(`padding of ${pad} bytes outside 0-255`);
  }
  const extSize = ext === undefined ? 0 : 4 + ext.data.length;
  const headerSize = FIXED_HEADER + 4 * csrcs.length + extSize;
  const out = new Uint8Array(headerSize + init.payload.length + pad);
  out[0] = 0x80 | (pad > 0 ? 0x20 : 0) | (ext !== undefined ? 0x10 : 0) | csrcs.length;
  out[1] = (init.marker ? 0x80 : 0) | init.payloadType;
  out[2] = (init.sequenceNumber >> 8) & 0xff;
  out[3] = init.sequenceNumber & 0xff;
  putU32(out, 4, init.timestamp >>> 0);
  putU32(out, 8, init.ssrc >>> 0);
  csrcs.forEach((c, i) => putU32(out, FIXED_HEADER + 4 * i, c >>> 0));
  let at = FIXED_HEADER + 4 * csrcs.length;
  if (ext !== undefined) {
    out[at] = (ext.profile >> 8) & 0xff;
    out[at + 1] = ext.profile & 0xff;
    out[at + 2] = (ext.data.length / 4) >> 8;
    out[at + 3] = (ext.data.length / 4) & 0xff;
    out.set(ext.data, at + 4);
    at += 4 + ext.data.length;
  }
  out.set(init.payload, at);
  if (pad > 0) out[out.length - 1] = pad;
  return out;
}
