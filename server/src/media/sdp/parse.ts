/**
 * SDP (RFC 4566) parsing, the subset cameras use: session-level lines, media sections and their
 * attributes. Lenient about order and line ends; strict about line syntax and media lines.
 */
import { SdpParseError } from './errors.ts';

/** One `a=` line: `a=name:value`, or a flag `a=name` (value undefined). */
export interface SdpAttribute {
  name: string;
  value: string | undefined;
}

/** One `m=` section. */
export interface SdpMedia {
  /** `video`, `audio`, `application`, ... */
  type: string;
  port: number;
  /** Transport protocol, e.g. `RTP/AVP`. */
  protocol: string;
  /** Formats as listed (RTP payload type numbers for RTP media). */
  formats: string[];
  /** `c=` of the section, if any. */
  connection?: string;
  /** `b=` lines of the section, e.g. `AS:5000`. */
  bandwidths: string[];
  attributes: SdpAttribute[];
}

/** A parsed session description. */
export interface SessionDescription {
  version: number;
  /** `o=` line as sent. */
  origin?: string;
  /** `s=` line. */
  sessionName: string;
  /** Session-level `c=`. */
  connection?: string;
  /** Session-level attributes. */
  attributes: SdpAttribute[];
  media: SdpMedia[];
}

/** Largest description accepted, in characters. */
export const MAX_SDP_LENGTH = 256 * 1024;

function parseAttribute(value: string): SdpAttribute {
  const colon = value.indexOf(':');
  if (colon < 0) return { name: value.trim(), value: undefined };
  return { name: value.slice(0, colon).trim(), value: value.slice(colon + 1).trim() };
}

function parseMediaLine(value: string, lineNo: number): SdpMedia {
  const parts = value.trim().split(/\s+/);
  const [type = '', portText = '', protocol = '', ...formats] = parts;
  const port = /^(\d{1,5})(\/\d{1,5})?$/.exec(portText);
  if (type.length === 0 || port === null || Number(port[1]) > 65535 || protocol.length === 0) {
    throw new SdpParseError(`line ${lineNo}: malformed media line "m=${value.slice(0, 80)}"`);
  }
  return {
    type: type.toLowerCase(),
    port: Number(port[1]),
    protocol,
    formats,
    bandwidths: [],
    attributes: [],
  };
}

/** Parses a session description; throws `SdpParseError` naming the line at fault. */
export function parseSdp(text: string): SessionDescription {
  if (text.length > MAX_SDP_LENGTH) {
    throw new SdpParseError(`SDP of ${text.length} characters exceeds ${MAX_SDP_LENGTH}`);
  }
  const lines = text.split('\n');
  let session: SessionDescription | undefined;
  let media: SdpMedia | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').replace(/\r$/, '');
    const lineNo = i + 1;
    if (line.trim().length === 0) continue;
    if (!/^[a-z]=/.test(line)) {
      throw new SdpParseError(`line ${lineNo}: not "<letter>=<value>": "${line.slice(0, 80)}"`);
    }
    const type = line[0] ?? '';
    const value = line.slice(2);
    if (session === undefined) {
      if (type !== 'v') throw new SdpParseError(`line ${lineNo}: SDP must start with "v="`);
      if (!/^\s*\d{1,3}\s*$/.test(value)) {
        throw new SdpParseError(`line ${lineNo}: invalid version "v=${value.slice(0, 20)}"`);
      }
      session = { version: Number(value), sessionName: '', attributes: [], media: [] };
      continue;
    }
    if (type === 'm') {
      media = parseMediaLine(value, lineNo);
      session.media.push(media);
    } else if (type === 'a') {
      (media ?? session).attributes.push(parseAttribute(value));
    } else if (type === 'c') {
      if (media === undefined) session.connection = value.trim();
      else media.connection = value.trim();
    } else if (type === 'b') {
      if (media !== undefined) media.bandwidths.push(value.trim());
    } else if (type === 'o' && media === undefined) {
      session.origin = value.trim();
    } else if (type === 's' && media === undefined) {
      session.sessionName = value.trim();
    }
  }
  if (session === undefined) throw new SdpParseError('empty SDP');
  return session;
}

/** The value of the first attribute `name` (case-insensitive) in a list, or undefined. */
export function attributeValue(
  attributes: readonly SdpAttribute[],
  name: string,
): string | undefined {
  const lower = name.toLowerCase();
  return attributes.find((a) => a.name.toLowerCase() === lower)?.value;
}
