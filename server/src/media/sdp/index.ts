/**
 * Public entry of the SDP module: parse a camera's session description into the video streams
 * the ingest sets up, and write the simulator's.
 */
export { SdpParseError } from './errors.ts';
export {
  MAX_SDP_LENGTH,
  attributeValue,
  parseSdp,
  type SdpAttribute,
  type SdpMedia,
  type SessionDescription,
} from './parse.ts';
export { resolveControl, sdpBaseUrl, sessionControl } from './control.ts';
export {
  decodeNalBase64,
  encodeNalBase64,
  h264ParamsFromFmtp,
  h265ParamsFromFmtp,
  parseFmtpParams,
  type FmtpParamsResult,
} from './fmtp.ts';
export { videoStreams, type SdpVideoStream } from './video.ts';
export { writeSdp, type SdpWriteOptions } from './write.ts';
