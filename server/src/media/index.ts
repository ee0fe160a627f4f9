/** The media module's public entry: what other modules may use (see README.md). */
export {
  type CodedPicture,
  fromAvcc,
  groupAccessUnits,
  splitAnnexB,
  toAnnexB,
  toAvcc,
} from './bits/index.ts';
export { H264Depacketizer } from './h264/depacketizer.ts';
export { packetizeH264 } from './h264/packetizer.ts';
export { H264SpsError, parseH264Sps } from './h264/sps.ts';
export { H265Depacketizer } from './h265/depacketizer.ts';
export { H265ParseError } from './h265/h265-parse-error.ts';
export { packetizeH265 } from './h265/packetizer.ts';
export { parseH265Sps } from './h265/sps.ts';
export {
  box,
  type BoxHeader,
  ByteWriter,
  codecInfo,
  fullBox,
  identityMatrix,
  type InitSegmentInfo,
  type MoofSample,
  Mp4Error,
  mp4Time,
  parseInitSegment,
  readBoxes,
  readBoxHeader,
  scanFragments,
  tableBox,
  writeFragment,
  writeFragmentHead,
  writeInitSegment,
} from './mp4/index.ts';
export { parseMoof } from './mp4/moof-parser.ts';
export { RtpParseError } from './rtp/errors.ts';
export { ownedAccessUnit } from './rtp/index.ts';
export { newRtpHeader, parseRtpPacket, readRtpHeader, writeRtpPacket } from './rtp/packet.ts';
export { type SenderReport, senderReportsOf, writeSenderReport } from './rtp/rtcp.ts';
export { RtpSequenceTracker } from './rtp/sequence.ts';
export {
  type AuthChallenge,
  authorizationFor,
  bodyText,
  type Credentials,
  cseqOf,
  digestHa1,
  formatBasicChallenge,
  formatDigestChallenge,
  formatRtpInfo,
  formatSession,
  formatTransport,
  interleavedTransport,
  parseAuthChallenges,
  parseAuthorization,
  parseRtpInfo,
  parseSession,
  parseTransport,
  pickChallenge,
  type RtpInfoEntry,
  type RtspHeadersInit,
  type RtspItem,
  RtspParseError,
  type RtspRequest,
  type RtspResponse,
  RtspStreamParser,
  type TransportSpec,
  verifyBasicAuthorization,
  verifyDigestAuthorization,
  verifyDigestWithHa1,
  writeInterleavedFrame,
  writeRequest,
  writeResponse,
} from './rtsp/index.ts';
export {
  parseSdp,
  sdpBaseUrl,
  type SdpVideoStream,
  sessionControl,
  videoStreams,
  writeSdp,
} from './sdp/index.ts';
export type { AccessUnit, CodecParams, H264Params, VideoCodec } from './types.ts';
