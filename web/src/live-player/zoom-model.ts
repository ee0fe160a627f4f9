/**
 * Digital zoom of a tile, pure. The picture (video and the privacy masks drawn over it, moved as
 * one) is scaled by `scale` (1×–8×) from its top-left corner and shifted by `x`, `y` (fractions
 * of the tile's width and height, ≤ 0); the shift is clamped so that the scaled picture always
 * covers the whole tile (no empty band, and nothing drawn over the picture is left behind).
 * Keys (on a focused tile): z zooms in, Z (shift+z) zooms out, x resets; they clash neither with
 * the wall's shortcuts (digits, arrows, Enter, Escape, ?) nor the recordings page's (space,
 * arrows, J/K/L, Home/End, +/−).
 */

/** A tile's zoom: scale and the picture's shift, in fractions of the tile. */
export interface Zoom {
  scale: number;
  x: number;
  y: number;
}

/** The picture as recorded, whole. */
export const NO_ZOOM: Zoom = { scale: 1, x: 0, y: 0 };
/** The largest scale. */
export const MAX_ZOOM = 8;
/** Zoom steps (a wheel notch or a key) per doubling: 1×, 1.26×, 1.59×, 2×, … 4×, … 8×. */
export const STEPS_PER_DOUBLING = 3;

const clampNum = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));

/** The zoom brought within bounds: scale 1–8, the picture covering the tile. */
export function clampZoom(z: Zoom): Zoom {
  const scale = clampNum(Number.isFinite(z.scale) ? z.scale : 1, 1, MAX_ZOOM);
  const min = 1 - scale;
  return { scale, x: clampNum(z.x, min, 0), y: clampNum(z.y, min, 0) };
}

/**
 * The zoom at `scale`, keeping the picture's point under (`px`, `py`) — a point of the tile in
 * fractions of its size, the cursor or the pinch's centre — where it is.
 */
export function zoomAt(z: Zoom, scale: number, px = 0.5, py = 0.5): Zoom {
  const s = clampNum(scale, 1, MAX_ZOOM);
  const cx = (px - z.x) / z.scale;
  const cy = (py - z.y) / z.scale;
  return clampZoom({ scale: s, x: px - cx * s, y: py - cy * s });
}

/**
 * One step in (`direction` 1) or out (-1) around (`px`, `py`), onto the next of the steps
 * (so that 2×, 4× and 8× are reached exactly, whatever pinch left).
 */
export function zoomStep(z: Zoom, direction: 1 | -1, px = 0.5, py = 0.5): Zoom {
  const k = Math.round(STEPS_PER_DOUBLING * Math.log2(Math.max(1, z.scale)));
  return zoomAt(z, 2 ** ((k + direction) / STEPS_PER_DOUBLING), px, py);
}

/** The zoom after a drag of (`dx`, `dy`), in fractions of the tile. */
export function panBy(z: Zoom, dx: number, dy: number): Zoom {
  return clampZoom({ scale: z.scale, x: z.x + dx, y: z.y + dy });
}

/** Where a point of the picture (fractions of it) appears in the tile (fractions of it). */
export function toTile(z: Zoom, px: number, py: number): [number, number] {
  return [z.x + px * z.scale, z.y + py * z.scale];
}

/** The CSS transform of the picture's layer (its `transform-origin` is its top-left corner). */
export function zoomTransform(z: Zoom): string {
  return `translate(${(z.x * 100).toFixed(4)}%, ${(z.y * 100).toFixed(4)}%) scale(${z.scale.toFixed(4)})`;
}

/** The scale in words: "2×", "2.4×". */
export function zoomLabel(z: Zoom): string {
  const r = Math.round(z.scale * 10) / 10;
  return `${Number.isInteger(r) ? r.toFixed(0) : r.toFixed(1)}×`;
}

/** What a key does to the zoom: z in, Z out, x reset; null for other keys or with modifiers. */
export function zoomKeyAction(k: {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}): 'in' | 'out' | 'reset' | null {
  if (k.ctrlKey || k.metaKey || k.altKey) return null;
  if (k.key === 'z') return 'in';
  if (k.key === 'Z') return 'out';
  if (k.key === 'x' || k.key === 'X') return 'reset';
  return null;
}

/** The zoom after a key's action. */
export function applyZoomKey(z: Zoom, action: 'in' | 'out' | 'reset'): Zoom {
  return action === 'reset' ? NO_ZOOM : zoomStep(z, action === 'in' ? 1 : -1);
}
