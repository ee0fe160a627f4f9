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

/** Parses one RTP packet; throws `RtpParseError` naming the inconsistency. */
export function parseRtpPacket(bytes: Uint8Array): RtpPacket {
  if (bytes.length < FIXED_HEADER) {
    throw new RtpParseError(
      `RTP packet of ${bytes.length} bytes is shorter than its 12-byte header`,
    );
  }
  const b0 = bytes[0] ?? 0;
  const b1 = bytes[1] ?? 0;
  const version = b0 >> 6;
  if (version !== 2) throw new RtpParseError(`RTP version ${version}, expected 2`);
  const padding = (b0 & 0x20) !== 0;
  const hasExtension = (b0 & 0x10) !== 0;
  const csrcCount = b0 & 0x0f;
  let offset = FIXED_HEADER + 4 * csrcCount;
  if (offset > bytes.length) {
    throw new RtpParseError(
      `RTP packet of ${bytes.length} bytes is too short for ${csrcCount} CSRCs`,
    );
  }
  const csrcs: number[] = [];
  for (let i = 0; i < csrcCount; i++) csrcs.push(u32(bytes, FIXED_HEADER + 4 * i));
  let extension: RtpExtension | undefined;
  if (hasExtension) {
    if (offset + 4 > bytes.length) {
      throw new RtpParseError('RTP packet too short for its header extension');
    }
    const profile = ((bytes[offset] ?? 0) << 8) | (bytes[offset + 1] ?? 0);
    const words = ((bytes[offset + 2] ?? 0) << 8) | (bytes[offset + 3] ?? 0);
    const end = offset + 4 + 4 * words;
    if (end > bytes.length) {
      throw new RtpParseError(`RTP header extension of ${words} words overruns the packet`);
    }
    extension = { profile, data: bytes.subarray(offset + 4, end) };
    offset = end;
  }
  let end = bytes.length;
  if (padding) {
    const count = bytes[bytes.length - 1] ?? 0;
    if (count === 0 || offset + count > bytes.length) {
      throw new RtpParseError(`invalid RTP padding count ${count}`);
    }
    end -= count;
  }
  const packet: RtpPacket = {
    version,
    padding,
    csrcs,
    marker: (b1 & 0x80) !== 0,
    payloadType: b1 & 0x7f,
    sequenceNumber: ((bytes[2] ?? 0) << 8) | (bytes[3] ?? 0),
    timestamp: u32(bytes, 4),
    ssrc: u32(bytes, 8),
    payload: bytes.subarray(offset, end),
  };
  if (extension !== undefined) packet.extension = extension;
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
