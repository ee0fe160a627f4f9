/**
 * RTSP 1.0 (RFC 2326) messages and their wire form: requests, responses and interleaved binary
 * frames (`$`, channel, 16-bit length, payload), and the writers that turn them into bytes.
 */
import { RtspParseError } from './errors.ts';
import { RtspHeaders, type RtspHeadersInit } from './headers.ts';

/** The protocol version Vedetta speaks. */
export const RTSP_VERSION = 'RTSP/1.0';

/** A parsed RTSP request. */
export interface RtspRequest {
  kind: 'request';
  /** Method as sent, e.g. `DESCRIBE` (methods are case-sensitive). */
  method: string;
  /** Request-URI as sent (`*` allowed for OPTIONS). */
  uri: string;
  /** Protocol version from the request line, e.g. `RTSP/1.0`. */
  version: string;
  headers: RtspHeaders;
  /** Body bytes (empty without `Content-Length`). */
  body: Uint8Array;
}

/** A parsed RTSP response. */
export interface RtspResponse {
  kind: 'response';
  version: string;
  /** Three-digit status code, e.g. 401. */
  statusCode: number;
  /** Reason phrase as sent (may be empty). */
  reason: string;
  headers: RtspHeaders;
  body: Uint8Array;
}

/** One binary frame interleaved on the RTSP connection (RFC 2326 section 10.12). */
export interface InterleavedFrame {
  kind: 'interleaved';
  /** Channel number 0-255 (by convention even = RTP, odd = RTCP). */
  channel: number;
  /** The frame's payload: an RTP or RTCP packet. */
  payload: Uint8Array;
}

/** What a connection carries: a request, a response or an interleaved frame. */
export type RtspItem = RtspRequest | RtspResponse | InterleavedFrame;

/** A request to write. */
export interface RtspRequestInit {
  method: string;
  uri: string;
  headers?: RtspHeadersInit;
  /** Body as bytes or UTF-8 text; `Content-Length` is set from it when not empty. */
  body?: Uint8Array | string;
}

/** A response to write. */
export interface RtspResponseInit {
  statusCode: number;
  /** Reason phrase; defaults to the standard one for the code. */
  reason?: string;
  headers?: RtspHeadersInit;
  body?: Uint8Array | string;
}

const REASONS: Record<number, string> = {
  100: 'Continue',
  200: 'OK',
  201: 'Created',
  250: 'Low on Storage Space',
  300: 'Multiple Choices',
  301: 'Moved Permanently',
  302: 'Moved Temporarily',
  304: 'Not Modified',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  408: 'Request Time-out',
  413: 'Request Entity Too Large',
  414: 'Request-URI Too Large',
  415: 'Unsupported Media Type',
  451: 'Parameter Not Understood',
  453: 'Not Enough Bandwidth',
  454: 'Session Not Found',
  455: 'Method Not Valid in This State',
  457: 'Invalid Range',
  459: 'Aggregate operation not allowed',
  460: 'Only aggregate operation allowed',
  461: 'Unsupported transport',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  503: 'Service Unavailable',
  505: 'RTSP Version not supported',
  551: 'Option not supported',
};

/** The standard reason phrase of an RTSP status code (RFC 2326 section 7.1.1), or ''. */
export function reasonPhrase(statusCode: number): string {
  return REASONS[statusCode] ?? '';
}

const METHOD = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

function bodyBytes(body: Uint8Array | string | undefined): Uint8Array {
  if (body === undefined) return new Uint8Array(0);
  return typeof body === 'string' ? encoder.encode(body) : body;
}

function assemble(
  startLine: string,
  init: RtspHeadersInit | undefined,
  body: Uint8Array,
): Uint8Array {
  const headers = new RtspHeaders(init);
  if (body.length > 0) headers.set('Content-Length', body.length);
  else if (headers.has('Content-Length')) headers.set('Content-Length', 0);
  let head = `${startLine}\r\n`;
  for (const [n, v] of headers) head += `${n}: ${v}\r\n`;
  head += '\r\n';
  const headBytes = encoder.encode(head);
  const out = new Uint8Array(headBytes.length + body.length);
  out.set(headBytes, 0);
  out.set(body, headBytes.length);
  return out;
}

/** Writes a request as bytes: request line, headers (CSeq etc. as given), blank line, body. */
export function writeRequest(init: RtspRequestInit): Uint8Array {
  if (!METHOD.test(init.method)) {
    throw new RtspParseError(`invalid RTSP method ${JSON.stringify(init.method)}`);
  }
  if (init.uri.length === 0 || /[\s\0]/.test(init.uri)) {
    throw new RtspParseError(`invalid RTSP request URI ${JSON.stringify(init.uri)}`);
  }
  return assemble(`${init.method} ${init.uri} ${RTSP_VERSION}`, init.headers, bodyBytes(init.body));
}

/** Writes a response as bytes: status line, headers, blank line, body. */
export function writeResponse(init: RtspResponseInit): Uint8Array {
  const code = init.statusCode;
  if (!Number.isInteger(code) || code < 100 || code > 999) {
    throw new RtspParseError(`invalid RTSP status code ${code}`);
  }
  const reason = init.reason ?? reasonPhrase(code);
  if (/[\r\n\0]/.test(reason)) throw new RtspParseError('RTSP reason phrase has a line break');
  return assemble(`${RTSP_VERSION} ${code} ${reason}`, init.headers, bodyBytes(init.body));
}

/** Writes one interleaved frame: `$`, channel, 16-bit big-endian length, payload. */
export function writeInterleavedFrame(channel: number, payload: Uint8Array): Uint8Array {
  if (!Number.isInteger(channel) || channel < 0 || channel > 255) {
    throw new RtspParseError(`interleaved channel ${channel} is outside 0-255`);
  }
  if (payload.length > 0xffff) {
    throw new RtspParseError(`interleaved payload of ${payload.length} bytes exceeds 65535`);
  }
  const out = new Uint8Array(4 + payload.length);
  out[0] = 0x24;
  out[1] = channel;
  out[2] = payload.length >> 8;
  out[3] = payload.length & 0xff;
  out.set(payload, 4);
  return out;
}

/** The body of a message as UTF-8 text (e.g. the SDP of a DESCRIBE answer). */
export function bodyText(message: RtspRequest | RtspResponse): string {
  return decoder.decode(message.body);
}

/** The message's `CSeq` as a number, or undefined if absent or not a number. */
export function cseqOf(message: RtspRequest | RtspResponse): number | undefined {
  const value = message.headers.get('CSeq')?.trim();
  if (value === undefined || !/^\d{1,15}$/.test(value)) return undefined;
  return Number(value);
}
