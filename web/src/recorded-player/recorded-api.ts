/**
 * The calls the recorded player needs: opening an audited playback session, and a session's
 * media (segment listings, init segments, recorded fragments). Thin typed functions over the
 * app's one request function; failures are `ApiError`s. Moved here from `playback/` unchanged.
 */
import { apiRequest } from '../api/index.ts';

/** A recorded segment as the player sees it. */
export interface MediaSegment {
  id: number;
  startMs: number;
  endMs: number;
  codecString: string;
  width: number;
  height: number;
  /** [start ms from the segment start, duration ms, starts with a key frame (1)] */
  fragments: [number, number, number][];
  complete: boolean;
  frameRate: number;
}

/** An open playback session. */
export interface PlaybackSession {
  id: string;
  cameras: string[];
  from: string;
  to: string;
}

/** Fetches the bytes of a recorded init segment or fragments. */
function fetchBytes(path: string, signal?: AbortSignal): Promise<ArrayBuffer> {
  return apiRequest('GET', path, { signal, responseType: 'bytes' });
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** Opens an audited playback session. */
export async function openSession(
  cameras: string[],
  fromMs: number,
  toMs: number,
  reason: string,
  caseReference: string,
): Promise<PlaybackSession> {
  return await apiRequest<PlaybackSession>('POST', '/api/playback/sessions', {
    body: {
      cameras,
      from: iso(fromMs),
      to: iso(toMs),
      reason,
      caseReference: caseReference.trim() === '' ? null : caseReference.trim(),
    },
  });
}

/** A camera's recorded stream: the main one, or the lighter sub-stream a grid of tiles plays. */
export type StreamKind = 'main' | 'sub';

/** Where a session's media lives, for one camera (and stream: main when left out). */
export interface MediaSource_ {
  session: string;
  camera: string;
  stream?: StreamKind;
}

/** The segments of a camera in a window (at most 2 hours). */
export async function getMedia(
  src: MediaSource_,
  fromMs: number,
  toMs: number,
): Promise<MediaSegment[]> {
  const stream = src.stream === 'sub' ? '&stream=sub' : '';
  const path = `/api/playback/sessions/${src.session}/cameras/${encodeURIComponent(src.camera)}/media?from=${iso(fromMs)}&to=${iso(toMs)}${stream}`;
  return (await apiRequest<{ segments: MediaSegment[] }>('GET', path)).segments;
}

/** The init segment of a segment. */
export function getInit(
  src: MediaSource_,
  segment: number,
  signal?: AbortSignal,
): Promise<ArrayBuffer> {
  return fetchBytes(
    `/api/playback/sessions/${src.session}/cameras/${encodeURIComponent(src.camera)}/segments/${segment}/init`,
    signal,
  );
}

/** Recorded fragments of a segment. */
export function getFragments(
  src: MediaSource_,
  segment: number,
  first: number,
  count: number,
  signal?: AbortSignal,
): Promise<ArrayBuffer> {
  return fetchBytes(
    `/api/playback/sessions/${src.session}/cameras/${encodeURIComponent(src.camera)}/segments/${segment}/fragments?first=${first}&count=${count}`,
    signal,
  );
}
