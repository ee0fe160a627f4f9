/**
 * What the ingest needs from a DESCRIBE answer: for each video section, the codec, RTP payload
 * type and clock rate, the absolute control URL for SETUP, and the decoder configuration when the
 * camera sends it out-of-band.
 */
import type { CodecParams, VideoCodec } from '../types.ts';
import { resolveControl } from './control.ts';
import { SdpParseError } from './errors.ts';
import { h264ParamsFromFmtp, h265ParamsFromFmtp, parseFmtpParams } from './fmtp.ts';
import { attributeValue, parseSdp, type SdpMedia, type SessionDescription } from './parse.ts';

/** One video stream of a session description. */
export interface SdpVideoStream {
  /** `h264` or `h265`; undefined for a video codec Vedetta does not record (see `encodingName`). */
  codec: VideoCodec | undefined;
  /** Encoding name from rtpmap, upper-cased, e.g. `H264`, `H265`, `JPEG`. */
  encodingName: string;
  payloadType: number;
  /** RTP clock rate in Hz (90000 for video). */
  clockRate: number;
  /** Absolute URL to SETUP this stream. */
  control: string;
  /** Decoder configuration from fmtp, when present and valid. */
  params?: CodecParams;
  /** H.264 packetization-mode (0 when absent, per RFC 6184). */
  packetizationMode?: number;
  /** H.264 profile-level-id, six hex digits, when given. */
  profileLevelId?: string;
  /** Frames per second from `a=framerate` / `a=x-framerate`, when given. */
  framerate?: number;
  /** All fmtp parameters, keys lower-cased. */
  fmtp: Record<string, string>;
  /** Non-fatal problems, e.g. undecodable sprop-parameter-sets. */
  warnings: string[];
}

const STATIC_PT: Record<number, [string, number]> = {
  26: ['JPEG', 90000],
  31: ['H261', 90000],
  32: ['MPV', 90000],
  34: ['H263', 90000],
};

function codecOf(encodingName: string): VideoCodec | undefined {
  if (encodingName === 'H264') return 'h264';
  if (encodingName === 'H265' || encodingName === 'HEVC') return 'h265';
  return undefined;
}

/** Finds `a=<name>:<pt> ...` for a payload type and returns the rest of the value. */
function perFormat(media: SdpMedia, name: string, pt: string): string | undefined {
  for (const a of media.attributes) {
    if (a.name.toLowerCase() !== name || a.value === undefined) continue;
    const m = /^(\d+)\s*(.*)$/.exec(a.value);
    if (m !== null && m[1] === pt) return m[2] ?? '';
  }
  return undefined;
}

function describeFormat(media: SdpMedia, pt: string, lineInfo: string): [string, number] {
  const rtpmap = perFormat(media, 'rtpmap', pt);
  if (rtpmap !== undefined) {
    const m = /^([^/\s]+)\/(\d{1,10})/.exec(rtpmap);
    if (m === null || Number(m[2]) === 0) {
      throw new SdpParseError(`${lineInfo}: malformed rtpmap "${pt} ${rtpmap.slice(0, 60)}"`);
    }
    return [(m[1] ?? '').toUpperCase(), Number(m[2])];
  }
  const fixed = STATIC_PT[Number(pt)];
  if (fixed !== undefined) return fixed;
  return ['', 90000];
}

function parseFramerate(media: SdpMedia): number | undefined {
  const text =
    attributeValue(media.attributes, 'framerate') ??
    attributeValue(media.attributes, 'x-framerate');
  if (text === undefined) return undefined;
  const n = Number(text.trim());
  return Number.isFinite(n) && n > 0 && n <= 1000 ? n : undefined;
}

function videoStream(media: SdpMedia, index: number, baseUrl: string): SdpVideoStream {
  const where = `video section ${index + 1}`;
  const rtpFormats = media.formats.filter((f) => /^\d{1,3}$/.test(f) && Number(f) <= 127);
  if (rtpFormats.length === 0) throw new SdpParseError(`${where}: no RTP payload type`);
  const described = rtpFormats.map((pt) => ({ pt, desc: describeFormat(media, pt, where) }));
  const chosen = described.find((d) => codecOf(d.desc[0]) !== undefined) ?? described[0];
  if (chosen === undefined) throw new SdpParseError(`${where}: no RTP payload type`);
  const [encodingName, clockRate] = chosen.desc;
  const codec = codecOf(encodingName);
  const fmtp = parseFmtpParams(perFormat(media, 'fmtp', chosen.pt) ?? '');
  const stream: SdpVideoStream = {
    codec,
    encodingName,
    payloadType: Number(chosen.pt),
    clockRate,
    control: resolveControl(baseUrl, attributeValue(media.attributes, 'control')),
    fmtp,
    warnings: [],
  };
  const framerate = parseFramerate(media);
  if (framerate !== undefined) stream.framerate = framerate;
  if (codec === 'h264') {
    const mode = fmtp['packetization-mode'];
    stream.packetizationMode = mode !== undefined && /^\d$/.test(mode) ? Number(mode) : 0;
    const pli = fmtp['profile-level-id'];
    if (pli !== undefined && /^[0-9a-fA-F]{6}$/.test(pli))
      stream.profileLevelId = pli.toLowerCase();
  }
  if (codec !== undefined) {
    const result = codec === 'h264' ? h264ParamsFromFmtp(fmtp) : h265ParamsFromFmtp(fmtp);
    if (result.params !== undefined) stream.params = result.params;
    stream.warnings.push(...result.warnings);
  }
  return stream;
}

/**
 * The video streams of a session description, in order. `baseUrl` is the DESCRIBE answer's
 * Content-Base (see `sdpBaseUrl`). Throws `SdpParseError` on malformed SDP.
 */
export function videoStreams(sdp: SessionDescription | string, baseUrl: string): SdpVideoStream[] {
  const session = typeof sdp === 'string' ? parseSdp(sdp) : sdp;
  return session.media.filter((m) => m.type === 'video').map((m, i) => videoStream(m, i, baseUrl));
}
