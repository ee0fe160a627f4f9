/**
 * The recordings page's address for a moment of some cameras: `#/recordings/<cam,cam>@<ISO>`.
 * The parameter is proposed here for the recordings page to read (`parsePlaybackParam`); a page
 * that reads only a camera id still opens on the first camera.
 */

/** Cameras and an instant, as the recordings page's route parameter. */
export interface PlaybackTarget {
  cameraIds: string[];
  atMs: number | null;
}

/** The route parameter for cameras at an instant. */
export function playbackParam(cameraIds: readonly string[], atMs: number): string {
  return `${cameraIds.join(',')}@${new Date(atMs).toISOString()}`;
}

/** The hash of the recordings page at an instant of some cameras. */
export function playbackHref(cameraIds: readonly string[], atMs: number): string {
  return `#/recordings/${encodeURIComponent(playbackParam(cameraIds, atMs))}`;
}

/**
 * Reads a route parameter written by `playbackParam` (or a bare camera id). An instant written
 * without a zone (`2026-03-03T21:05`, typed by hand) is read by `readLocal` when given — the
 * recordings page passes the site's wall clock — and by the browser's `Date.parse` otherwise.
 */
export function parsePlaybackParam(
  param: string,
  readLocal?: (text: string) => number,
): PlaybackTarget {
  const at = param.lastIndexOf('@');
  const ids = (at < 0 ? param : param.slice(0, at))
    .split(',')
    .map((s) => s.trim())
    .filter((s, i, all) => s !== '' && all.indexOf(s) === i);
  const text = at < 0 ? '' : param.slice(at + 1).trim();
  const zoned = /(?:Z|[+-]\d\d:?\d\d)$/i.test(text);
  const ms = text === '' ? NaN : !zoned && readLocal ? readLocal(text) : Date.parse(text);
  return { cameraIds: ids, atMs: Number.isFinite(ms) ? ms : null };
}
