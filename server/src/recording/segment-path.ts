/**
 * Where a segment file lives under the storage root:
 * `<camera>/<stream>/<YYYY>/<MM>/<DD>/<startMs>.mp4`, the date being the segment's UTC start day.
 * A second file that would start in the same millisecond gets a suffix (`<startMs>-1.mp4`), so
 * that no file is ever overwritten. Paths in the index are relative to the storage root and always
 * use `/`.
 */
import path from 'node:path';
import type { StreamKind } from '../ingest/index.ts';
import { invalidArgument } from '../app/index.ts';

/** What a segment path says about its segment. */
export interface SegmentPathParts {
  cameraId: string;
  stream: StreamKind;
  startMs: number;
  /** 0 for `<startMs>.mp4`, n for `<startMs>-n.mp4`. */
  suffix: number;
}

const CAMERA_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const PATH_RE =
  /^([A-Za-z0-9][A-Za-z0-9_-]{0,63})\/(main|sub)\/(\d{4})\/(\d{2})\/(\d{2})\/(\d{1,15})(?:-([1-9]\d{0,3}))?\.mp4$/;

/** Throws unless `cameraId` is safe as one path component. */
export function checkCameraIdForPath(cameraId: string): void {
  if (!CAMERA_ID.test(cameraId)) {
    throw invalidArgument(`camera id '${cameraId}' cannot name a recording folder`, {
      key: 'cameraId',
    });
  }
}

/** The folder (relative, `/`-separated) of a camera stream's segments for the UTC day of `ms`. */
export function segmentDayDir(cameraId: string, stream: StreamKind, ms: number): string {
  checkCameraIdForPath(cameraId);
  const d = new Date(ms);
  const yyyy = String(d.getUTCFullYear()).padStart(4, '0');
  const mm = String(d.getUTCMonth() + 1).padStart(2, '0');
  const dd = String(d.getUTCDate()).padStart(2, '0');
  return `${cameraId}/${stream}/${yyyy}/${mm}/${dd}`;
}

/** The relative path of a segment starting at `startMs` (suffix > 0 after a name collision). */
export function segmentRelativePath(
  cameraId: string,
  stream: StreamKind,
  startMs: number,
  suffix = 0,
): string {
  if (!Number.isSafeInteger(startMs) || startMs < 0) {
    throw invalidArgument(`segment start ${startMs} is not a non-negative integer of ms`);
  }
  const name = suffix === 0 ? `${startMs}.mp4` : `${startMs}-${suffix}.mp4`;
  return `${segmentDayDir(cameraId, stream, startMs)}/${name}`;
}

/** Parses a relative segment path; undefined when it is not one this module would write. */
export function parseSegmentPath(relPath: string): SegmentPathParts | undefined {
  const m = PATH_RE.exec(relPath);
  if (!m) return undefined;
  const [, cameraId, stream, yyyy, mm, dd, start, suffix] = m;
  if (!cameraId || !start || (stream !== 'main' && stream !== 'sub')) return undefined;
  const startMs = Number(start);
  const day = new Date(startMs);
  if (
    day.getUTCFullYear() !== Number(yyyy) ||
    day.getUTCMonth() + 1 !== Number(mm) ||
    day.getUTCDate() !== Number(dd)
  ) {
    return undefined;
  }
  return { cameraId, stream, startMs, suffix: suffix === undefined ? 0 : Number(suffix) };
}

/**
 * The absolute path of an indexed segment file under the storage root; throws when the index holds
 * a path the recorder never writes (so nothing outside the recordings is ever touched).
 */
export function segmentFilePath(storageRoot: string, rel: string): string {
  if (!parseSegmentPath(rel)) throw new Error(`'${rel}' is not a segment path`);
  return path.join(storageRoot, ...rel.split('/'));
}
