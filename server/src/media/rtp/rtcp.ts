/**
 * RTCP (RFC 3550 section 6): splitting a compound packet, and the Sender Report whose NTP / RTP
 * timestamp pair maps a stream's clock to wall-clock time.
 */
import { RtpParseError } from './errors.ts';
import { timestampDelta } from './timestamp.ts';

/** RTCP packet type of a Sender Report. */
export const RTCP_SR = 200;
/** RTCP packet type of a Receiver Report. */
export const RTCP_RR = 201;

/** One packet of a compound RTCP packet, undecoded. */
export interface RtcpPacket {
  packetType: number;
  /** The 5-bit count field (reception report count, source count...). */
  count: number;
  /** The whole packet, header included, padding included. */
  bytes: Uint8Array;
}

/** A Sender Report's sender info. */
export interface SenderReport {
  ssrc: number;
  /** NTP timestamp, seconds since 1900-01-01 (upper 32 bits). */
  ntpSeconds: number;
  /** NTP timestamp fraction (lower 32 bits, units of 2^-32 s). */
  ntpFraction: number;
  /** The NTP time as Unix milliseconds (fractional). */
  wallMs: number;
  /** The RTP timestamp that corresponds to the same instant. */
  rtpTimestamp: number;
  packetCount: number;
  octetCount: number;
}

/** Seconds between the NTP epoch (1900) and the Unix epoch (1970). */
export const NTP_UNIX_OFFSET_SECONDS = 2208988800;

function u32(b: Uint8Array, at: number): number {
  return (
    (((b[at] ?? 0) << 24) |
      ((b[at + 1] ?? 0) << 16) |
      ((b[at + 2] ?? 0) << 8) |
      (b[at + 3] ?? 0)) >>>
    0
  );
}

/** Converts a 64-bit NTP timestamp (two 32-bit halves) to Unix milliseconds. */
export function ntpToUnixMs(seconds: number, fraction: number): number {
  return (seconds - NTP_UNIX_OFFSET_SECONDS) * 1000 + (fraction / 0x100000000) * 1000;
}

/** Converts Unix milliseconds to the two halves of an NTP timestamp. */
export function unixMsToNtp(ms: number): { seconds: number; fraction: number } {
  const total = ms / 1000 + NTP_UNIX_OFFSET_SECONDS;
  const seconds = Math.floor(total);
  const fraction = Math.min(0xffffffff, Math.round((total - seconds) * 0x100000000));
  return { seconds: seconds >>> 0, fraction };
}

/** Splits a compound RTCP packet; throws `RtpParseError` if a length field is inconsistent. */
export function parseRtcpPackets(bytes: Uint8Array): RtcpPacket[] {
  const out: RtcpPacket[] = [];
  let at = 0;
  while (at < bytes.length) {
    if (bytes.length - at < 4) throw new RtpParseError('truncated RTCP header');
    const b0 = bytes[at] ?? 0;
    if (b0 >> 6 !== 2) throw new RtpParseError(`RTCP version ${b0 >> 6}, expected 2`);
    const size = 4 * ((((bytes[at + 2] ?? 0) << 8) | (bytes[at + 3] ?? 0)) + 1);
    if (at + size > bytes.length) {
      throw new RtpParseError(
        `RTCP packet of ${size} bytes overruns the ${bytes.length}-byte datagram`,
      );
    }
    out.push({
      packetType: bytes[at + 1] ?? 0,
      count: b0 & 0x1f,
      bytes: bytes.subarray(at, at + size),
    });
    at += size;
  }
  if (out.length === 0) throw new RtpParseError('empty RTCP packet');
  return out;
}

/** Decodes a Sender Report packet (type 200); throws `RtpParseError` if it is not one. */
export function parseSenderReport(packet: RtcpPacket): SenderReport {
  const b = packet.bytes;
  if (packet.packetType !== RTCP_SR) {
    throw new RtpParseError(`RTCP packet type ${packet.packetType} is not a Sender Report`);
  }
  if (b.length < 28)
    throw new RtpParseError(`Sender Report of ${b.length} bytes, at least 28 needed`);
  const ntpSeconds = u32(b, 8);
  const ntpFraction = u32(b, 12);
  return {
    ssrc: u32(b, 4),
    ntpSeconds,
    ntpFraction,
    wallMs: ntpToUnixMs(ntpSeconds, ntpFraction),
    rtpTimestamp: u32(b, 16),
    packetCount: u32(b, 20),
    octetCount: u32(b, 24),
  };
}

/** Every Sender Report in a compound RTCP packet. */
export function senderReportsOf(bytes: Uint8Array): SenderReport[] {
  return parseRtcpPackets(bytes)
    .filter((p) => p.packetType === RTCP_SR)
    .map(parseSenderReport);
}

/** What a Sender Report says (for writing one, e.g. in the simulator). */
export interface SenderReportInit {
  ssrc: number;
  wallMs: number;
  rtpTimestamp: number;
  packetCount: number;
  octetCount: number;
}

/** Writes a Sender Report with no reception report blocks (28 bytes). */
export function writeSenderReport(sr: SenderReportInit): Uint8Array {
  const out = new Uint8Array(28);
  const view = new DataView(out.buffer);
  const ntp = unixMsToNtp(sr.wallMs);
  view.setUint8(0, 0x80);
  view.setUint8(1, RTCP_SR);
  view.setUint16(2, 6);
  view.setUint32(4, sr.ssrc >>> 0);
  view.setUint32(8, ntp.seconds);
  view.setUint32(12, ntp.fraction);
  view.setUint32(16, sr.rtpTimestamp >>> 0);
  view.setUint32(20, sr.packetCount >>> 0);
  view.setUint32(24, sr.octetCount >>> 0);
  return out;
}

/**
 * The wall time (Unix ms) of an RTP timestamp, from a Sender Report of the same stream: the
 * report's wall time plus the signed timestamp difference at `clockRate` Hz. Valid within
 * ±2^31 ticks of the report (6.6 hours at 90 kHz).
 */
export function rtpToWallMs(report: SenderReport, rtpTimestamp: number, clockRate: number): number {
  return report.wallMs + (timestampDelta(rtpTimestamp, report.rtpTimestamp) * 1000) / clockRate;
}
