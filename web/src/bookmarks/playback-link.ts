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

/** Reads a route parameter written by `playbackParam` (or a bare camera id). */
export function parsePlaybackParam(param: string): PlaybackTarget {
  const at = param.lastIndexOf('@');
  const ids = (at < 0 ? param : param.slice(0, at)).split(',').filter((s) => s !== '');
  const ms = at < 0 ? NaN : Date.parse(param.slice(at + 1));
  return { cameraIds: ids, atMs: Number.isFinite(ms) ? ms : null };
}
