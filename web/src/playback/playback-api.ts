/**
 * Calls of the playback page: the timeline of cameras, playback sessions and their media
 * (segment listings, init segments, recorded fragments), and still-image addresses. Thin typed
 * functions over the app's one request function; failures are `ApiError`s.
 */
import { apiRequest } from '../api/index.ts';

/** A recorded span `[startMs, endMs)`. */
export type Span = [number, number];

/** A stretch without recording. */
export interface TimelineGap {
  from: number;
  to: number;
  cause: string;
  message: string;
  open: boolean;
}

/** A legal hold over part of the window. */
export interface TimelineHold {
  id: string;
  from: number;
  to: number;
  authority: string;
  reference: string;
}

/** One camera's timeline. */
export interface CameraTimeline {
  id: string;
  spans: Span[];
  gaps: TimelineGap[];
  holds: TimelineHold[];
}

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

/** The timelines of cameras; `from` is moved up to the user's look-back limit. */
export async function getTimeline(
  cameras: string[],
  fromMs: number,
  toMs: number,
  signal?: AbortSignal,
) {
  const q = `cameras=${encodeURIComponent(cameras.join(','))}&from=${iso(fromMs)}&to=${iso(toMs)}`;
  return await apiRequest<{ from: string; to: string; cameras: CameraTimeline[] }>(
    'GET',
    `/api/timeline?${q}`,
    { signal },
  );
}

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

/** The address of a still image of a camera at an instant. */
export function stillUrl(
  camera: string,
  atMs: number,
  reason: string,
  caseReference: string,
): string {
  const q = new URLSearchParams({ at: iso(atMs), format: 'jpeg', reason });
  if (caseReference.trim() !== '') q.set('caseReference', caseReference.trim());
  return `/api/cameras/${encodeURIComponent(camera)}/still?${q.toString()}`;
}

/** The days (`YYYY-MM-DD`, site time zone) of `month` (`YYYY-MM`) on which any camera recorded. */
export async function getRecordedDays(
  cameras: string[],
  month: string,
  signal?: AbortSignal,
): Promise<string[]> {
  const q = `cameras=${encodeURIComponent(cameras.join(','))}&month=${month}`;
  const r = await apiRequest<{ month: string; timeZone: string; days: string[] }>(
    'GET',
    `/api/timeline/days?${q}`,
    { signal },
  );
  return r.days;
}
