/**
 * The picture of a simulated PTZ dome: a window of a larger scene (twice the picture's width and
 * height) chosen by a QUANTISED pan/tilt/zoom position — pan in 9 steps, tilt in 5, zoom in 3 —
 * so that a dome needs at most 135 clips, each encoded on first use and cached like any clip.
 */

/** A quantised PTZ position: pan 0..8 (left to right), tilt 0..4 (down to up), zoom 0..2. */
export interface PtzView {
  pan: number;
  tilt: number;
  zoom: number;
}

/** Steps per axis. */
export const VIEW_STEPS = { pan: 9, tilt: 5, zoom: 3 } as const;

/** The scene is this many times the picture in each dimension. */
export const SCENE_SCALE = 2;

/** The view nearest to a position (pan, tilt in [-1, 1], zoom in [0, 1]). */
export function quantiseView(p: { pan: number; tilt: number; zoom: number }): PtzView {
  const step = (v: number, lo: number, hi: number, n: number): number =>
    Math.min(n - 1, Math.max(0, Math.round(((v - lo) / (hi - lo)) * (n - 1))));
  return {
    pan: step(p.pan, -1, 1, VIEW_STEPS.pan),
    tilt: step(p.tilt, -1, 1, VIEW_STEPS.tilt),
    zoom: step(p.zoom, 0, 1, VIEW_STEPS.zoom),
  };
}

/** Whether two views are the same. */
export function sameView(a: PtzView | undefined, b: PtzView | undefined): boolean {
  return a?.pan === b?.pan && a?.tilt === b?.tilt && a?.zoom === b?.zoom;
}

/** Checks a view's steps (from a request). */
export function isView(v: PtzView): boolean {
  const ok = (x: number, n: number): boolean => Number.isInteger(x) && x >= 0 && x < n;
  return ok(v.pan, VIEW_STEPS.pan) && ok(v.tilt, VIEW_STEPS.tilt) && ok(v.zoom, VIEW_STEPS.zoom);
}

/** The ffmpeg filter chain that renders the view at `width`x`height` from the scene source. */
export function viewFilter(view: PtzView, width: number, height: number, fps: number): string {
  const even = (n: number): number => Math.max(2, Math.round(n / 2) * 2);
  const sw = even(width * SCENE_SCALE);
  const sh = even(height * SCENE_SCALE);
  const fraction = 1 - (0.5 * view.zoom) / (VIEW_STEPS.zoom - 1);
  const w = even(width * fraction);
  const h = even(height * fraction);
  const offset = (n: number): number => Math.round(n / 2) * 2;
  const x = offset(((sw - w) * view.pan) / (VIEW_STEPS.pan - 1));
  const y = offset(((sh - h) * (VIEW_STEPS.tilt - 1 - view.tilt)) / (VIEW_STEPS.tilt - 1));
  return `testsrc2=size=${sw}x${sh}:rate=${fps},crop=${w}:${h}:${x}:${y},scale=${width}:${height}`;
}
