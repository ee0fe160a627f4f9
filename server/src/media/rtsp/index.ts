/**
 * Public entry of the pure RTSP 1.0 layer: messages, the connection stream parser, the
 * Transport / Session / RTP-Info headers, and Basic and Digest authentication for both sides.
 */
export { RtspParseError } from './errors.ts';
export { RtspHeaders, type RtspHeadersInit } from './headers.ts';
export {
  RTSP_VERSION,
  bodyText,
  cseqOf,
  reasonPhrase,
  writeInterleavedFrame,
  writeRequest,
  writeResponse,
  type InterleavedFrame,
  type RtspItem,
  type RtspRequest,
  type RtspRequestInit,
  type RtspResponse,
  type RtspResponseInit,
} from './message.ts';
export {
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_MAX_HEADER_BYTES,
  RtspStreamParser,
  parseRtspMessage,
  type RtspStreamParserOptions,
  type InterleavedHandler,
} from './stream-parser.ts';
export {
  formatTransport,
  interleavedTransport,
  parseTransport,
  type RtpRtcpPair,
  type TransportSpec,
} from './transport.ts';
export { formatSession, parseSession, type SessionHeader } from './session.ts';
export { formatRtpInfo, parseRtpInfo, type RtpInfoEntry } from './rtp-info.ts';
export {
  digestHa1,
  digestResponse,
  digestResponseFromHa1,
  type DigestAlgorithm,
  type DigestInput,
} from './digest.ts';
export {
  authorizationFor,
  basicAuthorization,
  digestAuthorization,
  formatNonceCount,
  parseAuthChallenges,
  pickChallenge,
  type AuthChallenge,
  type AuthRequest,
  type BasicChallenge,
  type Credentials,
  type DigestChallenge,
} from './auth-client.ts';
export {
  formatBasicChallenge,
  formatDigestChallenge,
  parseAuthorization,
  verifyBasicAuthorization,
  verifyDigestAuthorization,
  verifyDigestWithHa1,
  type Authorization,
  type BasicAuthorization,
  type DigestAuthorization,
  type DigestChallengeOptions,
  type DigestHa1Verification,
  type DigestVerification,
} from './auth-server.ts';
