/**
 * Public entry of the RTP module: packets, sequence and timestamp tracking, RTCP Sender Reports,
 * and the shared base of the H.264 / H.265 depacketizers.
 */
export { RtpParseError } from './errors.ts';
export {
  newRtpHeader,
  parseRtpPacket,
  readRtpHeader,
  writeRtpPacket,
  type RtpExtension,
  type RtpHeader,
  type RtpPacket,
  type RtpPacketInit,
} from './packet.ts';
export {
  MAX_DROPOUT,
  MAX_MISORDER,
  RtpSequenceTracker,
  type SequenceStats,
  type SequenceStatus,
  type SequenceVerdict,
} from './sequence.ts';
export { RtpTimestampExtender, timestampDelta } from './timestamp.ts';
export { ownedAccessUnit } from './au-bytes.ts';
export {
  NTP_UNIX_OFFSET_SECONDS,
  RTCP_RR,
  RTCP_SR,
  ntpToUnixMs,
  parseRtcpPackets,
  parseSenderReport,
  rtpToWallMs,
  senderReportsOf,
  unixMsToNtp,
  writeSenderReport,
  type RtcpPacket,
  type SenderReport,
  type SenderReportInit,
} from './rtcp.ts';
export {
  RtpVideoDepacketizer,
  type DepacketizeProblem,
  type DepacketizeProblemKind,
  type DepacketizeResult,
  type DepacketizerOptions,
  type DepacketizerStats,
  type RtpPacketView,
} from './video-depacketizer.ts';
