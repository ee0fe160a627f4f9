/**
 * The `Transport` header (RFC 2326 section 12.39): how RTP travels, e.g.
 * `RTP/AVP/TCP;unicast;interleaved=0-1` or `RTP/AVP;unicast;client_port=5000-5001`.
 */
import { RtspParseError } from './errors.ts';

/** A pair of channels or ports: RTP on the first, RTCP on the second (if given). */
export interface RtpRtcpPair {
  rtp: number;
  rtcp?: number;
}

/** One transport specification. Unknown parameters are kept in `extra`. */
export interface TransportSpec {
  /** Transport protocol, normally `RTP`. */
  protocol: string;
  /** Profile, normally `AVP`. */
  profile: string;
  /** Lower transport: `TCP` (interleaved) or `UDP` (the default when absent). */
  lowerTransport: 'TCP' | 'UDP';
  /** `unicast` or `multicast` when stated. */
  delivery?: 'unicast' | 'multicast';
  /** `interleaved=0-1`: channels on the RTSP connection. */
  interleaved?: RtpRtcpPair;
  /** `client_port=5000-5001`. */
  clientPort?: RtpRtcpPair;
  /** `server_port=6970-6971`. */
  serverPort?: RtpRtcpPair;
  /** `port=` (multicast). */
  port?: RtpRtcpPair;
  destination?: string;
  source?: string;
  ttl?: number;
  /** `ssrc=` (hexadecimal on the wire). */
  ssrc?: number;
  /** `mode=` without quotes, e.g. `PLAY`. */
  mode?: string;
  /** Parameters not listed above, in order; `undefined` value for a bare flag. */
  extra: [string, string | undefined][];
}

function parseNumber(text: string, max: number, what: string): number {
  if (!/^\d{1,10}$/.test(text) || Number(text) > max) {
    throw new RtspParseError(`invalid ${what} ${JSON.stringify(text)} in Transport header`);
  }
  return Number(text);
}

function parsePair(text: string, max: number, what: string): RtpRtcpPair {
  const [a = '', b, ...more] = text.split('-').map((s) => s.trim());
  if (more.length > 0) throw new RtspParseError(`invalid ${what} ${JSON.stringify(text)}`);
  const rtp = parseNumber(a, max, what);
  return b === undefined ? { rtp } : { rtp, rtcp: parseNumber(b, max, what) };
}

function parseSpec(text: string): TransportSpec {
  const [head = '', ...params] = text.split(';').map((s) => s.trim());
  const parts = head.split('/');
  const [protocol, profile, lower] = parts;
  if (parts.length < 2 || parts.length > 3 || !protocol || !profile) {
    throw new RtspParseError(`invalid transport ${JSON.stringify(head)} in Transport header`);
  }
  const lowerUpper = (lower ?? 'UDP').toUpperCase();
  if (lowerUpper !== 'TCP' && lowerUpper !== 'UDP') {
    throw new RtspParseError(
      `unknown lower transport ${JSON.stringify(lower)} in Transport header`,
    );
  }
  const spec: TransportSpec = {
    protocol: protocol.toUpperCase(),
    profile: profile.toUpperCase(),
    lowerTransport: lowerUpper,
    extra: [],
  };
  for (const param of params) {
    if (param.length === 0) continue;
    const eq = param.indexOf('=');
    const key = (eq < 0 ? param : param.slice(0, eq)).trim().toLowerCase();
    const value = eq < 0 ? undefined : param.slice(eq + 1).trim();
    if (value === undefined && (key === 'unicast' || key === 'multicast')) {
      spec.delivery = key;
    } else if (value === undefined) {
      spec.extra.push([key, undefined]);
    } else if (key === 'interleaved') {
      spec.interleaved = parsePair(value, 255, 'interleaved channel');
    } else if (key === 'client_port') {
      spec.clientPort = parsePair(value, 65535, 'client_port');
    } else if (key === 'server_port') {
      spec.serverPort = parsePair(value, 65535, 'server_port');
    } else if (key === 'port') {
      spec.port = parsePair(value, 65535, 'port');
    } else if (key === 'ttl') {
      spec.ttl = parseNumber(value, 255, 'ttl');
    } else if (key === 'ssrc') {
      if (!/^[0-9a-fA-F]{1,8}$/.test(value)) {
        throw new RtspParseError(`invalid ssrc ${JSON.stringify(value)} in Transport header`);
      }
      spec.ssrc = parseInt(value, 16);
    } else if (key === 'mode') {
      spec.mode = value.replace(/^"|"$/g, '').trim();
    } else if (key === 'destination') {
      spec.destination = value;
    } else if (key === 'source') {
      spec.source = value;
    } else {
      spec.extra.push([key, value]);
    }
  }
  return spec;
}

/** Parses a Transport header value: one spec, or several alternatives separated by commas. */
export function parseTransport(value: string): TransportSpec[] {
  const specs = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map(parseSpec);
  if (specs.length === 0) throw new RtspParseError('empty Transport header');
  return specs;
}

function formatPair(pair: RtpRtcpPair): string {
  return pair.rtcp === undefined ? `${pair.rtp}` : `${pair.rtp}-${pair.rtcp}`;
}

function formatSpec(spec: TransportSpec): string {
  const lower = spec.lowerTransport === 'TCP' ? '/TCP' : '';
  const out = [`${spec.protocol}/${spec.profile}${lower}`];
  if (spec.delivery !== undefined) out.push(spec.delivery);
  if (spec.destination !== undefined) out.push(`destination=${spec.destination}`);
  if (spec.source !== undefined) out.push(`source=${spec.source}`);
  if (spec.interleaved !== undefined) out.push(`interleaved=${formatPair(spec.interleaved)}`);
  if (spec.clientPort !== undefined) out.push(`client_port=${formatPair(spec.clientPort)}`);
  if (spec.serverPort !== undefined) out.push(`server_port=${formatPair(spec.serverPort)}`);
  if (spec.port !== undefined) out.push(`port=${formatPair(spec.port)}`);
  if (spec.ttl !== undefined) out.push(`ttl=${spec.ttl}`);
  if (spec.ssrc !== undefined) {
    out.push(`ssrc=${(spec.ssrc >>> 0).toString(16).toUpperCase().padStart(8, '0')}`);
  }
  if (spec.mode !== undefined) out.push(`mode="${spec.mode}"`);
  for (const [k, v] of spec.extra) out.push(v === undefined ? k : `${k}=${v}`);
  const text = out.join(';');
  if (/[\r\n,]/.test(text)) throw new RtspParseError('Transport value contains , CR or LF');
  return text;
}

/** Formats one spec, or several alternatives joined by commas, as a Transport header value. */
export function formatTransport(spec: TransportSpec | readonly TransportSpec[]): string {
  const list: readonly TransportSpec[] = Array.isArray(spec) ? spec : [spec as TransportSpec];
  return list.map(formatSpec).join(',');
}

/** The spec a client offers for RTP over the RTSP connection, e.g. channels 0-1. */
export function interleavedTransport(rtpChannel: number): TransportSpec {
  return {
    protocol: 'RTP',
    profile: 'AVP',
    lowerTransport: 'TCP',
    delivery: 'unicast',
    interleaved: { rtp: rtpChannel, rtcp: rtpChannel + 1 },
    extra: [],
  };
}
