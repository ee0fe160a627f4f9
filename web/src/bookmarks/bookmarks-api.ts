/**
 * Calls of the bookmarks API (`/api/bookmarks`), thin typed functions over the app's one request
 * function; failures are `ApiError`s. Times are UTC ms.
 */
import { apiRequest } from '../api/index.ts';

/** A bookmark as the server shows it. */
export interface Bookmark {
  id: string;
  cameraIds: string[];
  fromMs: number;
  /** Equal to `fromMs` for an instant. */
  toMs: number;
  title: string;
  note: string;
  caseReference: string | null;
  authorId: string;
  authorName: string;
  agencyId: string;
  createdMs: number;
  updatedMs: number;
  /** True only where legal holds cover it: a bookmark alone protects nothing. */
  protectedFromRetention: boolean;
  /** Whether the signed-in user may change or delete it. */
  editable: boolean;
}

/** What a listing asks for. */
export interface BookmarkQuery {
  cameraIds?: readonly string[];
  fromMs?: number;
  toMs?: number;
  /** Text in the title, note or case reference. */
  text?: string;
}

/** What making a bookmark sends. */
export interface BookmarkInput {
  cameraIds: string[];
  fromMs: number;
  toMs?: number;
  title: string;
  note?: string;
  caseReference?: string | null;
}

/** The query string of a listing (without `?`). */
export function bookmarkQueryString(q: BookmarkQuery): string {
  const p = new URLSearchParams();
  if (q.cameraIds && q.cameraIds.length > 0) p.set('camera', q.cameraIds.join(','));
  if (q.fromMs !== undefined) p.set('from', new Date(q.fromMs).toISOString());
  if (q.toMs !== undefined) p.set('to', new Date(q.toMs).toISOString());
  if (q.text !== undefined && q.text.trim() !== '') p.set('q', q.text.trim());
  return p.toString();
}

/** The bookmarks the user may see, latest first. */
export async function listBookmarks(q: BookmarkQuery, signal?: AbortSignal): Promise<Bookmark[]> {
  const qs = bookmarkQueryString(q);
  const path = qs === '' ? '/api/bookmarks' : `/api/bookmarks?${qs}`;
  return (await apiRequest<{ bookmarks: Bookmark[] }>('GET', path, { signal })).bookmarks;
}

/** Makes a bookmark. */
export function createBookmark(input: BookmarkInput): Promise<Bookmark> {
  return apiRequest<Bookmark>('POST', '/api/bookmarks', { body: input });
}

/** Changes a bookmark. */
export function updateBookmark(id: string, patch: Partial<BookmarkInput>): Promise<Bookmark> {
  return apiRequest<Bookmark>('PATCH', `/api/bookmarks/${encodeURIComponent(id)}`, {
    body: patch,
  });
}

/** Deletes a bookmark. */
export async function deleteBookmark(id: string): Promise<void> {
  await apiRequest<undefined>('DELETE', `/api/bookmarks/${encodeURIComponent(id)}`);
}
