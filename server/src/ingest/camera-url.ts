/**
 * Camera addresses: an `rtsp://` URL is split into where to connect and the request URL with any
 * user information removed, so that credentials travel only in `Authorization` headers and never
 * in a URL that could be logged.
 */
import type { Credentials } from '../media/index.ts';
import { IngestError } from './errors.ts';

/** A parsed camera address. */
export interface CameraAddress {
  /** Host name or IP (IPv6 without brackets), for `net.connect`. */
  host: string;
  port: number;
  /** The URL without user information, used in requests and logs. */
  url: string;
  /** Credentials found in the URL's user information, if any. */
  credentials?: Credentials;
}

/** Default RTSP port. */
export const RTSP_PORT = 554;

/** Parses an `rtsp://` URL; throws a definitive IngestError naming what is wrong. */
export function parseCameraUrl(text: string): CameraAddress {
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    throw new IngestError('error', 'camera URL is not a valid URL', { definitive: true });
  }
  if (u.protocol !== 'rtsp:') {
    throw new IngestError('error', `camera URL scheme ${u.protocol} is not rtsp:`, {
      definitive: true,
    });
  }
  if (u.hostname.length === 0) {
    throw new IngestError('error', 'camera URL has no host', { definitive: true });
  }
  const port = u.port === '' ? RTSP_PORT : Number(u.port);
  const credentials =
    u.username !== ''
      ? { username: decodeURIComponent(u.username), password: decodeURIComponent(u.password) }
      : undefined;
  u.username = '';
  u.password = '';
  const host = u.hostname.replace(/^\[(.*)\]$/, '$1');
  const address: CameraAddress = { host, port, url: u.toString() };
  if (credentials) address.credentials = credentials;
  return address;
}
