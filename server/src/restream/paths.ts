/**
 * The re-stream's addresses: `rtsp://host:port/<camera-id>/<main|sub>`, and the track below it
 * (`.../trackID=0`) that SETUP names. Pure.
 */
import type { StreamKind } from '../ingest/index.ts';

/** A camera stream named by a request URI. */
export interface StreamPath {
  cameraId: string;
  stream: StreamKind;
  /** The URI named the track (`.../trackID=0`), not the presentation. */
  track: boolean;
}

/** The media-level control in the SDP, relative to the presentation's Content-Base. */
export const TRACK_CONTROL = 'trackID=0';

const CAMERA_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** The camera stream a request URI names, or undefined (unknown form: answered 404). */
export function streamPathOf(uri: string): StreamPath | undefined {
  let path: string;
  if (uri.startsWith('/')) path = uri;
  else {
    try {
      const url = new URL(uri);
      if (url.protocol !== 'rtsp:' && url.protocol !== 'rtsps:') return undefined;
      path = url.pathname;
    } catch {
      return undefined;
    }
  }
  const parts = (path.split('?')[0] ?? '').split('/').filter((p) => p !== '');
  let track = false;
  if (parts.length === 3 && parts[2] === TRACK_CONTROL) {
    track = true;
    parts.pop();
  }
  if (parts.length !== 2) return undefined;
  let cameraId: string;
  try {
    cameraId = decodeURIComponent(parts[0] ?? '');
  } catch {
    return undefined;
  }
  const stream = parts[1];
  if (!CAMERA_ID.test(cameraId) || (stream !== 'main' && stream !== 'sub')) return undefined;
  return { cameraId, stream, track };
}
