/**
 * Calls of the playback page: the timeline of cameras, playback sessions and their media
 * (segment listings, init segments, recorded fragments), hover thumbnails, and still-image
 * addresses. Thin typed functions over the app's one request function; failures are `ApiError`s.
 */
import { apiRequest } from '../api/index.ts';

// The player's calls moved down to ../recorded-player/ (the wall's instant replay uses them too).
export {
  openSession,
  getMedia,
  getInit,
  getFragments,
  type MediaSegment,
  type PlaybackSession,
  type StreamKind,
  type MediaSource_,
} from '../recorded-player/index.ts';

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

/** What a camera reported: motion, tampering (defocus, cover, scene change), a digital input. */
export type CameraEventKind = 'motion' | 'tamper' | 'input';

/** An interval of a camera event (ONVIF), newest first in the answer. */
export interface CameraEventMark {
  id: string;
  kind: CameraEventKind;
  from: number;
  /** Null while it holds. */
  to: number | null;
  /** How it ended: `camera`, `lost`, `stopped`, `unknown`; null while it holds. */
  endCause: string | null;
  triggers: number;
  topic: string;
  source: Record<string, string>;
}

/** One camera's timeline. */
export interface CameraTimeline {
  id: string;
  spans: Span[];
  gaps: TimelineGap[];
  holds: TimelineHold[];
  /** The camera's events over the window (absent from older servers). */
  events?: CameraEventMark[];
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

/**
 * A small JPEG (160 px wide) of the key frame at or before `atMs` of a session's camera, for the
 * hover thumbnail of the timeline; the server caches it, and so may the browser.
 */
export function getThumbnail(
  session: string,
  camera: string,
  atMs: number,
  signal?: AbortSignal,
): Promise<Blob> {
  return apiRequest(
    'GET',
    `/api/playback/sessions/${encodeURIComponent(session)}/cameras/${encodeURIComponent(camera)}/thumbnail?at=${iso(atMs)}`,
    { signal, responseType: 'blob' },
  );
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
