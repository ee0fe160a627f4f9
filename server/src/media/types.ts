/**
 * Types shared by the pure media layer (rtsp, sdp, rtp, h264, h265, mp4) and the code that drives
 * it (ingest, recording, live). No I/O here.
 */

/** Video codecs Vedetta records without transcoding. */
export type VideoCodec = 'h264' | 'h265';

/** H.264 decoder configuration: one SPS and one PPS, NAL units without start codes. */
export interface H264Params {
  codec: 'h264';
  sps: Uint8Array;
  pps: Uint8Array;
}

/** H.265 decoder configuration: VPS, SPS and PPS, NAL units without start codes. */
export interface H265Params {
  codec: 'h265';
  vps: Uint8Array;
  sps: Uint8Array;
  pps: Uint8Array;
}

/** Decoder configuration of a video stream. */
export type CodecParams = H264Params | H265Params;

/**
 * One coded picture as reassembled from RTP: its NAL units (no start codes, no length prefixes),
 * in decoding order, all with the same RTP timestamp.
 */
export interface AccessUnit {
  codec: VideoCodec;
  /** NAL units of the picture, parameter sets included when the camera sent them in-band. */
  nalus: Uint8Array[];
  /**
   * The same NAL units, each after its 4-byte big-endian length (the MP4 sample), with `nalus`
   * as views into it; set by the depacketizers, absent where a picture was made otherwise.
   */
  lengthPrefixed?: Uint8Array;
  /** The 32-bit RTP timestamp as received (90 kHz for video). */
  rtpTimestamp: number;
  /** True for a random-access point: IDR (H.264) or IRAP (H.265). */
  isKey: boolean;
  /**
   * True when `nalus` and `lengthPrefixed` are lent: views into the depacketizer's own memory,
   * valid only until its next `push` or `flush` (the ingest path, so that a frame the recorder
   * copies at once costs no copy of its own). Whoever keeps such a frame longer keeps
   * `ownedAccessUnit(frame)` instead.
   */
  lent?: boolean;
}
