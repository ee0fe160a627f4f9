/**
 * Parsing of an RTSP message head (start line and header fields) once its bytes are complete.
 * Lenient where cameras are sloppy (bare LF line ends, folded lines, missing reason phrase),
 * strict where a mistake would desynchronise the stream.
 */
import { RtspParseError } from './errors.ts';
import { RtspHeaders } from './headers.ts';

/** A parsed head: the start line split up, and the header fields. */
export type RtspHead =
  | { kind: 'request'; method: string; uri: string; version: string; headers: RtspHeaders }
  | { kind: 'response'; version: string; statusCode: number; reason: string; headers: RtspHeaders };

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const VERSION = /^RTSP\/\d{1,3}\.\d{1,3}$/;

function preview(line: string): string {
  return JSON.stringify(line.length > 60 ? `${line.slice(0, 60)}...` : line);
}

function parseStartLine(line: string, headers: RtspHeaders): RtspHead {
  if (line.startsWith('RTSP/')) {
    const m = /^(RTSP\/\d{1,3}\.\d{1,3}) +(\d{3})(?: (.*))?$/.exec(line);
    if (m === null) throw new RtspParseError(`malformed RTSP status line ${preview(line)}`);
    const [, version = '', code = '', reason = ''] = m;
    return { kind: 'response', version, statusCode: Number(code), reason: reason.trim(), headers };
  }
  const parts = line.split(' ').filter((p) => p.length > 0);
  const [method, uri, version] = parts;
  if (parts.length !== 3 || method === undefined || uri === undefined || version === undefined) {
    throw new RtspParseError(`malformed RTSP request line ${preview(line)}`);
  }
  if (!TOKEN.test(method)) throw new RtspParseError(`invalid RTSP method in ${preview(line)}`);
  if (!VERSION.test(version)) {
    throw new RtspParseError(`invalid RTSP version in request line ${preview(line)}`);
  }
  return { kind: 'request', method, uri, version, headers };
}

/**
 * Parses the text of a head (without the terminating empty line). Throws `RtspParseError` naming
 * the faulty line.
 */
export function parseHead(text: string): RtspHead {
  const lines = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  const start = lines[0] ?? '';
  const fields: [string, string][] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.length === 0) continue;
    const last = fields[fields.length - 1];
    if (line.startsWith(' ') || line.startsWith('\t')) {
      if (last === undefined) throw new RtspParseError(`RTSP header continuation without a header`);
      last[1] = `${last[1]} ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) throw new RtspParseError(`malformed RTSP header line ${preview(line)}`);
    const name = line.slice(0, colon).trim();
    if (!TOKEN.test(name)) throw new RtspParseError(`invalid RTSP header name in ${preview(line)}`);
    fields.push([name, line.slice(colon + 1).trim()]);
  }
  const headers = new RtspHeaders();
  for (const [n, v] of fields) {
    if (v.includes('\0')) throw new RtspParseError(`RTSP header ${n} contains a NUL byte`);
    headers.append(n, v);
  }
  return parseStartLine(start, headers);
}

/** The body length announced by `Content-Length` (0 if absent); throws if malformed. */
export function contentLengthOf(headers: RtspHeaders): number {
  const values = headers.getAll('Content-Length').map((v) => v.trim());
  if (values.length === 0) return 0;
  const first = values[0] ?? '';
  if (!/^\d{1,15}$/.test(first)) {
    throw new RtspParseError(`invalid Content-Length ${JSON.stringify(first)}`);
  }
  if (values.some((v) => v !== first))
    throw new RtspParseError('conflicting Content-Length headers');
  return Number(first);
}
