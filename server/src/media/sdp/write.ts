/**
 * SDP writer for the camera simulator's DESCRIBE answer: one video stream, H.264 or H.265, with
 * its parameter sets out-of-band in fmtp.
 */
import type { CodecParams, VideoCodec } from '../types.ts';
import { SdpParseError } from './errors.ts';
import { encodeNalBase64 } from './fmtp.ts';

/** What to describe. */
export interface SdpWriteOptions {
  codec: VideoCodec;
  /** Dynamic RTP payload type, 96-127. */
  payloadType: number;
  /** Decoder configuration; written as sprop-* when given (must match `codec`). */
  params?: CodecParams;
  /** Media-level `a=control`, e.g. `trackID=1` (relative to the DESCRIBE URL). */
  control: string;
  /** `s=` line (default `Vedetta`). */
  sessionName?: string;
  /** Session id in `o=` (default `0`). */
  sessionId?: string;
  /** Address in `o=` (default `127.0.0.1`). */
  originAddress?: string;
  /** `a=framerate`, when known. */
  framerate?: number;
}

function checkText(value: string, what: string): string {
  if (/[\r\n]/.test(value)) throw new SdpParseError(`${what} contains a line break`);
  return value;
}

function fmtpLine(options: SdpWriteOptions): string | undefined {
  const { params, codec, payloadType } = options;
  if (params !== undefined && params.codec !== codec) {
    throw new SdpParseError(`params for ${params.codec} given for a ${codec} stream`);
  }
  if (codec === 'h264') {
    const parts = ['packetization-mode=1'];
    if (params?.codec === 'h264') {
      const sps = params.sps;
      if (sps.length >= 4) {
        const pli = [sps[1] ?? 0, sps[2] ?? 0, sps[3] ?? 0];
        parts.push(`profile-level-id=${pli.map((b) => b.toString(16).padStart(2, '0')).join('')}`);
      }
      parts.push(`sprop-parameter-sets=${encodeNalBase64(sps)},${encodeNalBase64(params.pps)}`);
    }
    return `a=fmtp:${payloadType} ${parts.join(';')}`;
  }
  if (params?.codec !== 'h265') return undefined;
  return (
    `a=fmtp:${payloadType} sprop-vps=${encodeNalBase64(params.vps)};` +
    `sprop-sps=${encodeNalBase64(params.sps)};sprop-pps=${encodeNalBase64(params.pps)}`
  );
}

/** Writes the session description (CRLF line ends). */
export function writeSdp(options: SdpWriteOptions): string {
  const pt = options.payloadType;
  if (!Number.isInteger(pt) || pt < 96 || pt > 127) {
    throw new SdpParseError(`payload type ${pt} is not a dynamic payload type (96-127)`);
  }
  const name = checkText(options.sessionName ?? 'Vedetta', 'session name');
  const id = checkText(options.sessionId ?? '0', 'session id');
  const address = checkText(options.originAddress ?? '127.0.0.1', 'origin address');
  const lines = [
    'v=0',
    `o=- ${id} 1 IN IP4 ${address}`,
    `s=${name.length > 0 ? name : ' '}`,
    'c=IN IP4 0.0.0.0',
    't=0 0',
    'a=control:*',
    'a=range:npt=0-',
    `m=video 0 RTP/AVP ${pt}`,
    `a=rtpmap:${pt} ${options.codec === 'h264' ? 'H264' : 'H265'}/90000`,
  ];
  const fmtp = fmtpLine(options);
  if (fmtp !== undefined) lines.push(fmtp);
  if (options.framerate !== undefined) lines.push(`a=framerate:${options.framerate}`);
  lines.push(`a=control:${checkText(options.control, 'control')}`);
  return `${lines.join('\r\n')}\r\n`;
}
