/**
 * The mask editor's geometry, pure: where a click lands in normalised picture coordinates, when
 * a click closes the polygon being drawn, and whether a polygon may be kept (the server's rules:
 * 3 to 64 points that enclose an area).
 */
import type { MaskPoint } from './privacy-api.ts';

/** The most points of one mask (as the server allows). */
export const MAX_POINTS = 64;

/** A click at (clientX, clientY) on a box, as a normalised point (clamped, 4 decimals). */
export function pointInBox(
  clientX: number,
  clientY: number,
  box: { left: number; top: number; width: number; height: number },
): MaskPoint {
  const clamp = (v: number) => Math.min(1, Math.max(0, v));
  const round = (v: number) => Math.round(v * 10_000) / 10_000;
  return [
    round(clamp((clientX - box.left) / box.width)),
    round(clamp((clientY - box.top) / box.height)),
  ];
}

/** Twice the signed area of a polygon. */
export function doubleArea(points: readonly MaskPoint[]): number {
  let s = 0;
  for (let i = 0; i < points.length; i++) {
    const a = points[i];
    const b = points[(i + 1) % points.length];
    if (a && b) s += a[0] * b[1] - b[0] * a[1];
  }
  return s;
}

/** True when the points make a mask the server accepts. */
export function isValidMask(points: readonly MaskPoint[]): boolean {
  return points.length >= 3 && points.length <= MAX_POINTS && Math.abs(doubleArea(points)) > 1e-6;
}

/** True when `p` is within `tolerance` (normalised) of the first point, closing the polygon. */
export function closesPolygon(
  points: readonly MaskPoint[],
  p: MaskPoint,
  tolerance = 0.02,
): boolean {
  const first = points[0];
  if (!first || points.length < 3) return false;
  return Math.hypot(first[0] - p[0], first[1] - p[1]) <= tolerance;
}
